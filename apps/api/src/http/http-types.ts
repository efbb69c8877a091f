import { Principal } from '../auth/principal';

/**
 * The few parts of Express's request and response this shell touches, typed here so the API
 * does not need @types/express.
 */
export interface HttpRequest {
  method: string;
  originalUrl: string;
  headers: Record<string, string | string[] | undefined>;
  /** Node's view of each header line apart: in `headers` a repeated header is already joined as "a, b". */
  headersDistinct?: Record<string, string[] | undefined>;
  body?: unknown;
  principal?: Principal;
}

export interface HttpResponse {
  headersSent: boolean;
  statusCode: number;
  status(code: number): HttpResponse;
  setHeader(name: string, value: string): unknown;
  send(body: string): unknown;
}

/** The request path without its query string, as RFC 9457 `instance`. */
export function requestPath(req: HttpRequest): string {
  const url = req.originalUrl ?? '/';
  const q = url.indexOf('?');
  return q === -1 ? url : url.slice(0, q);
}

/** A header's value; a repeated header yields its values joined (see headerRepeated to refuse that). */
export function headerValue(req: HttpRequest, name: string): string | undefined {
  const value = req.headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(',') : value;
}

/** True when the header came on more than one line: for a single-valued header that is malformed. */
export function headerRepeated(req: HttpRequest, name: string): boolean {
  const lines = req.headersDistinct?.[name.toLowerCase()];
  return (lines?.length ?? 0) > 1 || Array.isArray(req.headers[name.toLowerCase()]);
}
