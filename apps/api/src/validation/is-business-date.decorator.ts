import { ValidateBy, ValidationOptions } from 'class-validator';
import { isBusinessDate } from '@groupcap/domain';

export function IsBusinessDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    { name: 'isBusinessDate', validator: { validate: (value: unknown) => isBusinessDate(value), defaultMessage: () => 'must be a calendar date YYYY-MM-DD' } },
    options,
  );
}
