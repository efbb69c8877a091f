import { headerValue, HttpRequest } from './http-types';
import { ProblemException } from '../problems/problem-details';
import { scanJsonShape } from './json-shape';

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

/**
 * Commands nest two levels at most; 64 leaves room for any future body while staying far below what
 * recursive walks (class-transformer, the request hash) can take. Checked on the raw text, before parsing.
 */
export const MAX_JSON_DEPTH = 64;

/** Where the body parser's verify step leaves a repeated key, to be refused once the body is known to be JSON. */
const DUPLICATE_KEY = Symbol('groupcap.duplicateJsonKey');

type CheckedRequest = HttpRequest & { [DUPLICATE_KEY]?: { key: string; path: string } };

/**
 * The JSON parser's `verify` hook: it sees the raw bytes before JSON.parse does. Too deep a body is refused
 * at once (parsing it is what must not happen); a repeated key is noted and refused after parsing, so that
 * text which is not JSON at all is still reported as such.
 */
export function verifyJsonShape(req: HttpRequest, _res: unknown, buf: Buffer, encoding: string): void {
  const finding = scanJsonShape(decodeBody(buf, encoding), MAX_JSON_DEPTH);
  if (finding?.kind === 'too-deep') {
    throw new ProblemException('JSON_TOO_DEEP', `the request body nests objects and arrays more than ${finding.maxDepth} levels deep (at ${finding.path})`, {
      maxDepth: finding.maxDepth,
      path: finding.path,
    });
  }
  if (finding?.kind === 'duplicate-key') (req as CheckedRequest)[DUPLICATE_KEY] = { key: finding.key, path: finding.path };
}

/** Express middleware, right after the JSON parser succeeded: a key repeated in one object is refused. */
export function refuseDuplicateKeys(req: HttpRequest, _res: unknown, next: (error?: unknown) => void): void {
  const duplicate = (req as CheckedRequest)[DUPLICATE_KEY];
  if (!duplicate) return next();
  next(
    new ProblemException('DUPLICATE_JSON_KEY', `the request body gives the key "${duplicate.key}" twice in one object (at ${duplicate.path}); JSON.parse would silently keep the last`, {
      key: duplicate.key,
      path: duplicate.path,
    }),
  );
}

/** The parser accepts only utf-* charsets (others are 415 before this runs); TextDecoder reads those it names. */
function decodeBody(buf: Buffer, encoding: string): string {
  try {
    return new TextDecoder(encoding).decode(buf);
  } catch {
    throw new ProblemException('UNSUPPORTED_MEDIA_TYPE', `the request body's charset ${encoding} is not supported; send UTF-8`, {
      contentType: JSON_MEDIA_TYPE,
      supported: [JSON_MEDIA_TYPE],
    });
  }
}
