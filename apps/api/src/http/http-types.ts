import { Principal } from '../auth/principal';

/**
 * The few parts of Express's request and response this shell touches, typed here so the API
 * does not need @types/express.
 */
export interface HttpRequest {
  method: string;
  originalUrl: string;
  headers: Record<string, string | string[] | undefined>;
  body?: unknown;
  principal?: Principal;
}

export interface HttpResponse {
  headersSent: boolean;
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

/** A header's single value; a repeated header counts as malformed and yields its values joined. */
export function headerValue(req: HttpRequest, name: string): string | undefined {
  const value = req.headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(',') : value;
}
