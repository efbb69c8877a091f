import { ValidateBy, ValidationOptions } from 'class-validator';
import { isRatioString } from '@groupcap/domain';

/** A decimal string in [0, 1] such as "0.15"; the domain checks the narrower range each setting needs. */
export function IsRatio(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isRatio',
      validator: { validate: (value: unknown) => isRatioString(value), defaultMessage: () => 'must be a decimal string between 0 and 1 such as "0.15"' },
    },
    options,
  );
}
