import { applyDecorators } from '@nestjs/common';
import { ApiExtension, ApiResponse } from '@nestjs/swagger';
import { ProblemCode } from '../problems/problem-code';
import { statusOf } from '../problems/problem-status.table';
import { ProblemSchema } from './problem.schema';

const DESCRIPTIONS: Readonly<Record<number, string>> = {
  400: 'VALIDATION_FAILED (unknown, null or malformed fields), JSON_TOO_DEEP, DUPLICATE_JSON_KEY, or a domain input refusal',
  401: 'UNAUTHENTICATED: no valid bearer token',
  403: 'FORBIDDEN: the role does not allow this call',
  404: 'the named resource does not exist',
  409: 'conflict with recorded state, IDEMPOTENCY_KEY_REUSED or COMMAND_ID_REUSED',
  413: 'PAYLOAD_TOO_LARGE: the body exceeds 1 MB',
  415: 'UNSUPPORTED_MEDIA_TYPE: a body must be application/json',
  429: 'RATE_LIMITED: over the per-user rate limit (Retry-After says when to try again)',
  422: 'refused by a cap or state rule',
  503: 'READ_MODEL_BEHIND, WRITER_UNAVAILABLE, READ_SIDE_UNAVAILABLE or STORE_UNAVAILABLE',
};

/** Documents the problem+json answers an endpoint can give; 401 and 403 are always listed. */
export function ApiProblems(...statuses: number[]): MethodDecorator & ClassDecorator {
  const all = [...new Set([...statuses, 401, 403])].sort();
  return applyDecorators(
    ...all.map((status) =>
      ApiResponse({ status, description: DESCRIPTIONS[status] ?? 'problem', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemSchema' } } } }),
    ),
  );
}

export const PROBLEM_SCHEMAS = [ProblemSchema];

/**
 * The problem codes an endpoint can answer (api.md's fixed codes and this server's extensions): each one's status
 * is documented, and the document lists the codes under their status (`x-problem-codes`; swagger.setup.ts).
 */
export function ApiCodes(...codes: ProblemCode[]): MethodDecorator {
  return applyDecorators(ApiProblems(...codes.map(statusOf)), problemCodes(codes));
}

/** Only the codes' extension, for decorators that document the statuses themselves (each status once). */
export function problemCodes(codes: readonly ProblemCode[]): MethodDecorator {
  return ApiExtension('x-problem-codes', [...new Set(codes)]);
}

/** What every read can answer besides its own codes. */
export const READ_CODES: ProblemCode[] = ['VALIDATION_FAILED', 'UNAUTHENTICATED', 'FORBIDDEN', 'RATE_LIMITED', 'READ_MODEL_BEHIND', 'READ_SIDE_UNAVAILABLE'];
/** What every list can answer. */
export const LIST_CODES: ProblemCode[] = [...READ_CODES, 'INVALID_CURSOR'];
/** What every command can answer besides its own codes. */
export const COMMAND_CODES: ProblemCode[] = [
  'VALIDATION_FAILED',
  'EFFECTIVE_DATE_IN_FUTURE',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'IDEMPOTENCY_KEY_REUSED',
  'COMMAND_ID_REUSED',
  'JSON_TOO_DEEP',
  'DUPLICATE_JSON_KEY',
  'RATE_LIMITED',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'WRITER_UNAVAILABLE',
  'STORE_UNAVAILABLE',
];
