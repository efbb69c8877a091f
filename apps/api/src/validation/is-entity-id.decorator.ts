import { ValidateBy, ValidationOptions } from 'class-validator';

export const ENTITY_ID_PATTERN = /^[A-Za-z0-9._:-]{1,64}$/;

/** Customer, relation, limit and drawdown ids: 1 to 64 characters of A-Z a-z 0-9 . _ : - */
export function IsEntityId(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isEntityId',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && ENTITY_ID_PATTERN.test(value),
        defaultMessage: () => 'must be an id of 1 to 64 characters of A-Z a-z 0-9 . _ : -',
      },
    },
    options,
  );
}
