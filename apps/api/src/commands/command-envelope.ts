import { Role } from '@groupcap/domain';
import { headerRepeated, headerValue, HttpRequest, requestPath } from '../http/http-types';
import { ProblemException } from '../problems/problem-details';
import { FieldError } from '../validation/field-error';
import { requestHash } from './request-hash';

/** Everything about a command that comes from the request around its body: who, and the client's ids. */
export interface CommandEnvelope {
  actor: { userId: string; roles: readonly Role[] };
  idempotency?: { key: string; requestHash: string };
  commandId?: string;
  /** With a client's commandId: the request it came with, which the writer binds the id to (409 COMMAND_ID_REUSED otherwise). */
  requestHash?: string;
  correlationId?: string;
}

const MAX_KEY_LENGTH = 128;
const TRACE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export function readCommandEnvelope(req: HttpRequest): CommandEnvelope {
  if (!req.principal) throw new Error('readCommandEnvelope needs an authenticated request');
  const errors: FieldError[] = [];
  const key = headerValue(req, 'idempotency-key');
  if (headerRepeated(req, 'Idempotency-Key')) {
    // Two keys joined ("kx, ky") would silently become a third key that matches neither.
    errors.push({ field: 'Idempotency-Key', message: 'must be sent once' });
  } else if (key !== undefined && (key.length === 0 || key.length > MAX_KEY_LENGTH)) {
    errors.push({ field: 'Idempotency-Key', message: `must be 1 to ${MAX_KEY_LENGTH} characters` });
  }
  const commandId = traceHeader(req, 'X-Command-Id', errors);
  const correlationId = traceHeader(req, 'X-Correlation-Id', errors);
  if (errors.length > 0) throw new ProblemException('VALIDATION_FAILED', 'the request headers are not valid', { errors });
  const hash = key !== undefined || commandId !== undefined ? requestHash(req.method, requestPath(req), req.body) : undefined;
  return {
    actor: { userId: req.principal.userId, roles: req.principal.roles },
    ...(key !== undefined && hash !== undefined && { idempotency: { key, requestHash: hash } }),
    ...(commandId !== undefined && { commandId, requestHash: hash }),
    ...(correlationId !== undefined && { correlationId }),
  };
}

function traceHeader(req: HttpRequest, name: string, errors: FieldError[]): string | undefined {
  const value = headerValue(req, name);
  if (headerRepeated(req, name)) errors.push({ field: name, message: 'must be sent once' });
  else if (value !== undefined && !TRACE_ID.test(value)) errors.push({ field: name, message: 'must be 1 to 128 characters of A-Z a-z 0-9 . _ : -' });
  return value;
}
