import type { IncomingMessage, ServerResponse } from 'node:http';
import pino, { DestinationStream, Logger } from 'pino';
import { correlationIdOf } from './correlation-id';
import { HttpRequest, requestPath } from './http-types';

/** Polled by load balancers and Prometheus: a line each would drown the rest. */
const UNLOGGED_PATHS: ReadonlySet<string> = new Set(['/health', '/metrics']);

/**
 * Never in a log line, whatever logs them: credentials in headers, and any field named like a token or
 * secret, at any of the first levels. The request serializer below already leaves headers out; this is
 * the second lock.
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["proxy-authorization"]',
  'res.headers["set-cookie"]',
  'authorization',
  '*.authorization',
  'token',
  '*.token',
  'accessToken',
  '*.accessToken',
  'secret',
  '*.secret',
  'password',
  '*.password',
];

/** The process's one logger: JSON lines on stdout (or `destination`), ISO times, secrets redacted. */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'groupcap-api', pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      formatters: { level: (label) => ({ level: label }) },
    },
    destination,
  );
}

type Next = (error?: unknown) => void;

/** What the request line says of the request: no headers, no body. */
interface LoggedRequest extends HttpRequest {
  socket?: { remoteAddress?: string };
  log?: Logger;
}

/**
 * One JSON line per request (method, path with query, status, time, user) carrying `correlationId`: the
 * client's X-Correlation-Id when it sent a valid one, else one made here; it is echoed in the response's
 * X-Correlation-Id. Every line logged while handling the request (audit lines, errors) carries it too:
 * `req.log` is the logger nestjs-pino (useExisting) hands to Nest's logging for this request.
 * Registered first, so requests refused by any later middleware are logged as well.
 *
 * Written here rather than with pino-http, whose per-request work was a tenth of the server's time under
 * load (a --cpu-prof of the server under the HTTP bench): it made four child loggers per request (correlation id, request, custom
 * properties twice); this makes the one Nest's logging needs and writes the request line from it.
 */
export function requestLogging(logger: Logger): (req: IncomingMessage, res: ServerResponse, next: Next) => void {
  return (incoming, res, next) => {
    const req = incoming as unknown as LoggedRequest;
    const started = Date.now();
    const log = logger.child({ correlationId: correlationIdOf(req, res) });
    req.log = log;
    if (!UNLOGGED_PATHS.has(requestPath(req))) {
      const done = (error?: Error) => {
        res.removeListener('finish', done);
        res.removeListener('close', done);
        res.removeListener('error', done);
        logRequest(log, req, res, started, error);
      };
      res.on('finish', done);
      res.on('close', done);
      res.on('error', done);
    }
    next();
  };
}

/** The request line: an answer of 500 or more (or a response that failed) carries `err` as well. */
function logRequest(log: Logger, req: LoggedRequest, res: ServerResponse, started: number, error: Error | undefined): void {
  const principal = req.principal;
  const line = {
    req: { method: req.method, url: req.originalUrl, remoteAddress: req.socket?.remoteAddress },
    ...(principal && { userId: principal.userId, roles: principal.roles }),
    res: { statusCode: res.statusCode },
    ...((error !== undefined || res.statusCode >= 500) && { err: error ?? new Error(`failed with status code ${res.statusCode}`) }),
    responseTime: Date.now() - started,
  };
  log.info(line, `${req.method} ${requestPath(req)} ${res.statusCode}`);
}

