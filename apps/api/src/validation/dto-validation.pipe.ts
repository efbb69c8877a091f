import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { getMetadataStorage, validateSync, ValidationError } from 'class-validator';
import { ProblemException } from '../problems/problem-details';
import { FieldError } from './field-error';

const PRIMITIVES: ReadonlySet<unknown> = new Set([String, Number, Boolean, Object, Array, undefined]);

/**
 * Validates bodies, path parameters and query strings against their DTO classes. Unknown fields
 * are refused (not stripped), nothing is coerced: "100" is not a number and 100 is not money.
 * `null` is no value: a field given as null is refused, optional or not (an optional field is left
 * out), the same on every endpoint, so that null never reaches the domain nor means "absent" on one
 * endpoint and "clear it" on another.
 * Any failure is one 400 VALIDATION_FAILED listing every offending field; nothing is submitted.
 */
@Injectable()
export class DtoValidationPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    const { metatype, type } = metadata;
    if (type === 'custom' || PRIMITIVES.has(metatype)) return value;
    const input = value === undefined && type === 'body' ? {} : value;
    if (typeof input !== 'object' || input === null || Array.isArray(input)) {
      throw failed(type, [{ field: type === 'body' ? '(body)' : `(${type})`, message: 'must be a JSON object' }]);
    }
    const dtoClass = metatype as new () => object;
    const { known, unknown, nulls } = sortFields(dtoClass, input as Record<string, unknown>);
    // Only known, non-null fields reach class-transformer: it silently drops `__proto__` and `constructor`,
    // and would set `toString` or `hasOwnProperty` as own fields of the DTO. Unknown keys are refused here.
    const dto = plainToInstance(dtoClass, known) as object;
    const errors = validateSync(dto, { whitelist: true, forbidNonWhitelisted: true, stopAtFirstError: true });
    const offending = [
      ...unknown.map((field) => ({ field, message: 'is not a known field' })),
      ...nulls.map((field) => ({ field, message: 'must not be null: leave an optional field out instead' })),
      ...errors.flatMap((error) => fieldErrors(error)).filter((error) => !nulls.includes(error.field)),
    ];
    if (offending.length > 0) throw failed(type, offending);
    return dto;
  }
}

/** The DTO's fields, as class-validator knows them (every field carries at least one decorator); cached per class. */
const FIELDS = new WeakMap<Function, ReadonlySet<string>>();

function fieldsOf(dtoClass: Function): ReadonlySet<string> {
  let fields = FIELDS.get(dtoClass);
  if (!fields) {
    fields = new Set(getMetadataStorage().getTargetValidationMetadatas(dtoClass, '', true, false).map((m) => m.propertyName));
    FIELDS.set(dtoClass, fields);
  }
  return fields;
}

/**
 * The input's own keys, JSON.parse's `__proto__` included, split into known fields (a copy without a
 * prototype, so no key can reach one), unknown keys and fields given as null.
 */
function sortFields(dtoClass: Function, input: Record<string, unknown>): { known: Record<string, unknown>; unknown: string[]; nulls: string[] } {
  const fields = fieldsOf(dtoClass);
  const known: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  const unknown: string[] = [];
  const nulls: string[] = [];
  for (const key of Object.keys(input)) {
    if (!fields.has(key)) unknown.push(key);
    else if (input[key] === null) nulls.push(key);
    else known[key] = input[key];
  }
  return { known, unknown, nulls };
}

function failed(type: string, errors: FieldError[]): ProblemException {
  const where = type === 'body' ? 'request body' : type === 'query' ? 'query string' : 'path';
  return new ProblemException('VALIDATION_FAILED', `the ${where} is not valid: ${errors.map((e) => e.field).join(', ')}`, { errors });
}

function fieldErrors(error: ValidationError, prefix = ''): FieldError[] {
  const field = prefix + error.property;
  const own = Object.entries(error.constraints ?? {}).map(([rule, message]) =>
    rule === 'whitelistValidation'
      ? { field, message: 'is not a known field' }
      : // Optional fields are skipped when absent, so an absent field with an error is a required one.
        { field, message: error.value === undefined ? 'is required' : stripProperty(message, error.property) },
  );
  return [...own.slice(0, 1), ...(error.children ?? []).flatMap((child) => fieldErrors(child, `${field}.`))];
}

/** class-validator's built-in messages start with the property name, which `field` already says. */
function stripProperty(message: string, property: string): string {
  return message.startsWith(`${property} `) ? message.slice(property.length + 1) : message;
}
