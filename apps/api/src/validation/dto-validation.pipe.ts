import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';
import { ProblemException } from '../problems/problem-details';
import { FieldError } from './field-error';

const PRIMITIVES: ReadonlySet<unknown> = new Set([String, Number, Boolean, Object, Array, undefined]);

/**
 * Validates bodies, path parameters and query strings against their DTO classes. Unknown fields
 * are refused (not stripped), nothing is coerced: "100" is not a number and 100 is not money.
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
    const dto = plainToInstance(metatype as new () => object, input) as object;
    const errors = validateSync(dto, { whitelist: true, forbidNonWhitelisted: true, stopAtFirstError: true });
    if (errors.length > 0) throw failed(type, errors.flatMap((error) => fieldErrors(error)));
    return dto;
  }
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
