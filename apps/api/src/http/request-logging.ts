import type { IncomingMessage, ServerResponse } from 'node:http';
import pino, { DestinationStream, Logger } from 'pino';
import { pinoHttp } from 'pino-http';
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

/**
 * One JSON line per request (method, path with query, status, time, user) carrying `correlationId`: the
 * client's X-Correlation-Id when it sent a valid one, else one made here; it is echoed in the response's
 * X-Correlation-Id. Every line logged while handling the request (audit lines, errors) carries it too.
 * Registered first, so requests refused by any later middleware are logged as well.
 */
export function requestLogging(logger: Logger): (req: IncomingMessage, res: ServerResponse, next: Next) => void {
  return pinoHttp({
    logger,
    quietReqLogger: true,
    customAttributeKeys: { reqId: 'correlationId' },
    // The request's one id (correlation-id.ts): the access record and the command's events carry it too.
    genReqId: (req, res) => correlationIdOf(req, res),
    autoLogging: { ignore: (req) => UNLOGGED_PATHS.has(requestPath(req as unknown as HttpRequest)) },
    customProps: (req) => {
      const principal = (req as unknown as HttpRequest).principal;
      return principal ? { userId: principal.userId, roles: principal.roles } : {};
    },
    // No headers, no body: what was asked, by whom (customProps) and how it ended.
    serializers: {
      req: (req: { id: unknown; method: string; url: string; remoteAddress?: string }) => ({ method: req.method, url: req.url, remoteAddress: req.remoteAddress }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
    customSuccessMessage: (req, res) => `${req.method} ${requestPath(req as unknown as HttpRequest)} ${res.statusCode}`,
    customErrorMessage: (req, res) => `${req.method} ${requestPath(req as unknown as HttpRequest)} ${res.statusCode}`,
  });
}
