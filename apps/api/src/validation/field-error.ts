/** One offending input, as listed in a VALIDATION_FAILED problem's `errors`. */
export interface FieldError {
  field: string;
  message: string;
}
