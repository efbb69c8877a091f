import { headerValue, HttpRequest } from './http-types';
import { ProblemException } from '../problems/problem-details';

const JSON_MEDIA_TYPE = 'application/json';
/** Commands; a read takes no body, so whatever a GET carries is left alone as before. */
const COMMAND_METHODS: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** A request carries a body when it says so: a chunked transfer or a non-zero Content-Length. */
function hasBody(req: HttpRequest): boolean {
  const length = headerValue(req, 'content-length');
  return headerValue(req, 'transfer-encoding') !== undefined || (length !== undefined && length.trim() !== '0');
}

/** The media type without parameters ("application/json; charset=utf-8" -> "application/json"). */
function mediaType(req: HttpRequest): string | undefined {
  return headerValue(req, 'content-type')?.split(';')[0].trim().toLowerCase();
}

/**
 * The JSON parser silently skips a body of another type, which would leave every field "missing";
 * such a body is refused as a whole instead (415), before it is read.
 */
export function unsupportedBody(req: HttpRequest): ProblemException | undefined {
  if (!COMMAND_METHODS.has(req.method.toUpperCase()) || !hasBody(req)) return undefined;
  const type = mediaType(req) || null;
  if (type === JSON_MEDIA_TYPE) return undefined;
  const sent = type === null ? ' (it came without a Content-Type)' : `, not ${type}`;
  return new ProblemException('UNSUPPORTED_MEDIA_TYPE', `the request body must be ${JSON_MEDIA_TYPE}${sent}`, {
    contentType: type,
    supported: [JSON_MEDIA_TYPE],
  });
}

/** Express middleware form, registered before the JSON parser; the global filter renders the problem. */
export function requireJsonBody(req: HttpRequest, _res: unknown, next: (error?: unknown) => void): void {
  next(unsupportedBody(req));
}

/**
 * The JSON parser's syntax error as the VALIDATION_FAILED every other malformed body gets, `errors` included.
 * Done here, right after the parser, because Nest turns that error into a bare 400 before any filter sees it.
 */
export function unparseableBodyProblem(error: unknown): unknown {
  if (!(error instanceof Error) || (error as { type?: unknown }).type !== 'entity.parse.failed') return error;
  return new ProblemException('VALIDATION_FAILED', 'the request body is not valid JSON', {
    errors: [{ field: '(body)', message: `the body is not valid JSON: ${error.message}` }],
  });
}

/** Express error-middleware form (four parameters), registered right after the JSON parser. */
export function reportUnparseableBody(error: unknown, _req: HttpRequest, _res: unknown, next: (error?: unknown) => void): void {
  next(unparseableBodyProblem(error));
}
