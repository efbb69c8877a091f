import { ValidateBy, ValidationArguments, ValidationOptions } from 'class-validator';

/** Plain decimal notation, any number of digits: how many decimals a ratio may have is the domain's rule. */
const DECIMAL = /^-?\d+(\.\d+)?$/;

/**
 * A ratio on the wire (a share, a cap ratio): a decimal string such as "0.15", never a JSON number.
 * Only the format is checked here; its range and precision are the domain's rule (INVALID_SHARE,
 * INVALID_POLICY), so the client gets the code the contract names for them.
 */
export function IsDecimalString(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isDecimalString',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && DECIMAL.test(value),
        defaultMessage: (args?: ValidationArguments) =>
          typeof args?.value === 'number'
            ? 'a ratio is a decimal string such as "0.15", never a JSON number'
            : 'must be a decimal string such as "0.15" (digits, an optional point and sign; no exponent or separators)',
      },
    },
    options,
  );
}
