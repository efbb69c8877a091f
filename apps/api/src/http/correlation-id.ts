import { randomUUID } from 'node:crypto';
import { headerValue, HttpRequest } from './http-types';

/** As X-Command-Id and X-Correlation-Id are checked on commands: a client's id is kept only if it is one. */
export const TRACE_ID = /^[A-Za-z0-9._:-]{1,128}$/;
export const CORRELATION_HEADER = 'X-Correlation-Id';

const ASSIGNED = Symbol('correlationId');
type Carrier = { [ASSIGNED]?: string; headers: HttpRequest['headers'] };

/**
 * The request's one correlation id, given by whichever middleware asks first (the request log when there is
 * one, else the access-record middleware) and the same for every later one: the client's X-Correlation-Id when
 * valid, else a new UUID. It is echoed in the answer's X-Correlation-Id, and a new one is put in the request's
 * headers, so that the command envelope (and so the events), the JSON log lines and the access record all
 * carry the same id. An invalid id the client sent is left in the headers for the command envelope to refuse.
 */
export function correlationIdOf(req: unknown, res: { setHeader(name: string, value: string): unknown }): string {
  const carrier = req as Carrier;
  const assigned = carrier[ASSIGNED];
  if (assigned !== undefined) return assigned;
  const sent = headerValue(req as HttpRequest, CORRELATION_HEADER);
  const id = sent !== undefined && TRACE_ID.test(sent) ? sent : randomUUID();
  if (sent === undefined) carrier.headers['x-correlation-id'] = id;
  carrier[ASSIGNED] = id;
  res.setHeader(CORRELATION_HEADER, id);
  return id;
}
