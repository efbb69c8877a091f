import { ValidateBy, ValidationOptions } from 'class-validator';

const DIGITS = /^(0|[1-9]\d{0,19})$/;

/** A non-negative integer written in decimal digits (query strings are text), optionally within bounds. */
export function IsDigits(bounds: { min?: bigint; max?: bigint } = {}, options?: ValidationOptions): PropertyDecorator {
  const range = bounds.min !== undefined && bounds.max !== undefined ? ` from ${bounds.min} to ${bounds.max}` : '';
  return ValidateBy(
    {
      name: 'isDigits',
      validator: {
        validate: (value: unknown) => {
          if (typeof value !== 'string' || !DIGITS.test(value)) return false;
          const n = BigInt(value);
          return (bounds.min === undefined || n >= bounds.min) && (bounds.max === undefined || n <= bounds.max);
        },
        defaultMessage: () => `must be a whole number${range} in digits`,
      },
    },
    options,
  );
}
