import { RefusalCode } from '@groupcap/domain';

/** Problems the HTTP shell raises itself (not domain refusals). Part of the API contract: never renamed. */
export type ApiProblemCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'GROUP_NOT_FOUND'
  | 'INVALID_CURSOR'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'IDEMPOTENCY_KEY_REUSED'
  | 'COMMAND_ID_REUSED'
  | 'JSON_TOO_DEEP'
  | 'DUPLICATE_JSON_KEY'
  | 'RATE_LIMITED'
  | 'READ_MODEL_BEHIND'
  | 'WRITER_UNAVAILABLE'
  | 'STORE_UNAVAILABLE'
  | 'READ_SIDE_UNAVAILABLE'
  | 'HTTP_ERROR'
  | 'INTERNAL_ERROR';

export type ProblemCode = RefusalCode | ApiProblemCode;
