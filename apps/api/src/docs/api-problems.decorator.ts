import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { ProblemSchema } from './problem.schema';

const DESCRIPTIONS: Readonly<Record<number, string>> = {
  400: 'VALIDATION_FAILED (unknown, null or malformed fields), JSON_TOO_DEEP, DUPLICATE_JSON_KEY, or a domain input refusal',
  401: 'UNAUTHENTICATED: no valid bearer token',
  403: 'FORBIDDEN: the role does not allow this call',
  404: 'the named resource does not exist',
  409: 'conflict with recorded state, IDEMPOTENCY_KEY_REUSED or COMMAND_ID_REUSED',
  413: 'PAYLOAD_TOO_LARGE: the body exceeds 1 MB',
  415: 'UNSUPPORTED_MEDIA_TYPE: a body must be application/json',
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
