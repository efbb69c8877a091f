import { ValidateBy, ValidationArguments, ValidationOptions } from 'class-validator';
import { isMoneyString } from '@groupcap/domain';

/** A decimal string with at most 2 decimals; a JSON number is refused, never rounded. */
export function IsMoney(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isMoney',
      validator: {
        validate: (value: unknown) => isMoneyString(value),
        defaultMessage: (args?: ValidationArguments) =>
          typeof args?.value === 'number'
            ? 'money is a decimal string such as "150000000.00", never a JSON number'
            : 'must be a decimal string of yuan with at most 2 decimals, such as "150000000.00" (no sign, exponent or separators)',
      },
    },
    options,
  );
}
