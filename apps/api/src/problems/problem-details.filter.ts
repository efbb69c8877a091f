import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { InvalidCursorError } from '@groupcap/projections';
import { HttpRequest, HttpResponse, requestPath } from '../http/http-types';
import { ApiProblemCode } from './problem-code';
import { PROBLEM_CONTENT_TYPE, ProblemException } from './problem-details';
import { unavailableProblem } from './unavailable.problem';

/**
 * Every error leaves the server as application/problem+json: domain refusals, auth failures,
 * framework errors (unknown route, bad JSON, body too large) and unexpected failures, the last
 * without any internal detail.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetails');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const req = http.getRequest<HttpRequest>();
    const res = http.getResponse<HttpResponse>();
    const problem = this.toProblemException(error, req);
    if (res.headersSent) return;
    res.status(problem.status);
    res.setHeader('Content-Type', `${PROBLEM_CONTENT_TYPE}; charset=utf-8`);
    if (problem.code === 'UNAUTHENTICATED') res.setHeader('WWW-Authenticate', 'Bearer');
    if (problem.status === 503) res.setHeader('Retry-After', '1');
    // Whole seconds until the caller's window lets a request through again (RFC 9110 10.2.3).
    if (problem.code === 'RATE_LIMITED') res.setHeader('Retry-After', String(problem.extensions.retryAfter));
    res.send(JSON.stringify(problem.toProblem(requestPath(req))));
  }

  private toProblemException(error: unknown, req: HttpRequest): ProblemException {
    if (error instanceof ProblemException) return error;
    if (error instanceof InvalidCursorError) {
      return new ProblemException('INVALID_CURSOR', 'cursor is not one this list gave out: start again without it, or pass the `next` of the page before', {
        cursor: error.cursor.slice(0, 128),
      });
    }
    const unavailable = unavailableProblem(error);
    if (unavailable) return unavailable;
    if (isBodyTooLarge(error)) {
      return new ProblemException('PAYLOAD_TOO_LARGE', `the request body exceeds the limit of ${error.limit} bytes`);
    }
    if (error instanceof HttpException) return fromStatus(error.getStatus(), error.message, req);
    if (isClientHttpError(error)) return fromStatus(error.status, error.message, req);
    this.logger.error(`${req.method} ${requestPath(req)} failed`, error instanceof Error ? error.stack : String(error));
    return new ProblemException('INTERNAL_ERROR', 'the server could not complete the request; it has been logged');
  }
}

interface BodyTooLarge {
  type: 'entity.too.large';
  limit: number;
}

function isBodyTooLarge(error: unknown): error is BodyTooLarge {
  return typeof error === 'object' && error !== null && (error as { type?: unknown }).type === 'entity.too.large';
}

const CODE_BY_STATUS: Readonly<Record<number, ApiProblemCode | 'VALIDATION_FAILED'>> = {
  400: 'VALIDATION_FAILED',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
};

/** Errors from Express's body parser (unsupported charset, aborted upload...) that are safe to show. */
function isClientHttpError(error: unknown): error is { status: number; message: string } {
  if (typeof error !== 'object' || error === null) return false;
  const { status, expose } = error as { status?: unknown; expose?: unknown };
  return expose === true && typeof status === 'number' && status >= 400 && status < 500;
}

/** Framework errors: an unknown route (404) and a malformed percent-encoding in the URL (400) are the usual ones. */
function fromStatus(status: number, message: string, req: HttpRequest): ProblemException {
  const code = CODE_BY_STATUS[status] ?? 'HTTP_ERROR';
  const detail =
    status === 404
      ? `no route ${req.method} ${requestPath(req)}`
      : status === 400
        ? `the request could not be read: ${message}`
        : message;
  return new ProblemException(code, detail, {}, status);
}
