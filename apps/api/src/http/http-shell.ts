import type { Server } from 'node:http';
import helmet from 'helmet';
import { JwtService } from '@nestjs/jwt';
import { Role } from '@groupcap/domain';
import { AccessTokenVerifier } from '../auth/access-token-verifier';
import { Exposure, HardeningConfig } from '../config/hardening-config';
import { ProblemException } from '../problems/problem-details';
import { dashboardSecurityHeaders, isDashboardPath } from './dashboard';
import { headerValue, HttpRequest, requestPath } from './http-types';

type Next = (error?: unknown) => void;
interface HeaderResponse {
  setHeader(name: string, value: string): unknown;
}
type Middleware = (req: HttpRequest, res: HeaderResponse, next: Next) => void;

/** Swagger UI and the OpenAPI document (docs/swagger.setup.ts). */
export const isDocsPath = (path: string): boolean => path === '/docs' || path.startsWith('/docs/') || path === '/docs-json' || path === '/docs-yaml';
const isMetricsPath = (path: string): boolean => path === '/metrics' || path === '/metrics/';
/** Behind METRICS=auth: the people who run the service. */
export const METRICS_ROLES: readonly Role[] = ['admin', 'risk'];

/**
 * helmet's headers on every response. The API answers JSON and files only, so its Content-Security-Policy
 * allows nothing at all; Swagger UI gets helmet's default policy (its own scripts and styles); the dashboard's
 * pages (dashboard.ts) their own scripts and styles and calls to the same origin.
 */
export function securityHeaders(options: { dashboard?: boolean } = {}): Middleware {
  const api = helmet({ contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } } });
  const docs = helmet();
  const dashboard = dashboardSecurityHeaders();
  return (req, res, next) => {
    const path = requestPath(req);
    const policy = isDocsPath(path) ? docs : options.dashboard && isDashboardPath(path) ? dashboard : api;
    policy(req as never, res as never, next);
  };
}

/** Customer data must not be kept by a browser or a proxy: every answer but the docs is `Cache-Control: no-store`. */
export function noStore(): Middleware {
  return (req, res, next) => {
    if (!isDocsPath(requestPath(req))) res.setHeader('Cache-Control', 'no-store');
    next();
  };
}

/**
 * DOCS and METRICS: `public` as before, `auth` behind a bearer token (docs: any role; metrics: admin or
 * risk), `off` answered 404 as if the route did not exist. These routes are not Nest controllers guarded
 * like the rest (Swagger is mounted on Express directly; /metrics is @Public), so they are checked here.
 */
export function exposureGate(config: Pick<HardeningConfig, 'docs' | 'metrics' | 'token'>, jwt: JwtService): Middleware {
  const verifier = new AccessTokenVerifier(jwt, config.token);
  const check = async (req: HttpRequest, exposure: Exposure, roles: readonly Role[] | undefined): Promise<void> => {
    if (exposure === 'public') return;
    if (exposure === 'off') throw new ProblemException('NOT_FOUND', `no route ${req.method} ${requestPath(req)}`);
    const principal = await verifier.verify(headerValue(req, 'authorization'));
    req.principal = principal;
    if (roles && !principal.roles.some((role) => roles.includes(role))) {
      throw new ProblemException('FORBIDDEN', `this call needs one of the roles: ${roles.join(', ')}`, { requiredRoles: roles, roles: principal.roles });
    }
  };
  return (req, _res, next) => {
    const path = requestPath(req);
    const gate = isDocsPath(path) ? check(req, config.docs, undefined) : isMetricsPath(path) ? check(req, config.metrics, METRICS_ROLES) : undefined;
    if (!gate) return next();
    gate.then(() => next(), next);
  };
}

/**
 * Slow clients cannot hold connections open: all headers within HTTP_HEADERS_TIMEOUT_MS, the whole request
 * within HTTP_REQUEST_TIMEOUT_MS, else Node answers 408 and closes. Node checks these on an interval
 * (30 s by default); it is read when the server starts listening, so it is set here, before listen.
 */
export function applyServerTimeouts(server: Server, config: Pick<HardeningConfig, 'headersTimeoutMs' | 'requestTimeoutMs'>): void {
  server.headersTimeout = config.headersTimeoutMs;
  server.requestTimeout = config.requestTimeoutMs;
  (server as Server & { connectionsCheckingInterval: number }).connectionsCheckingInterval = Math.min(1000, config.headersTimeoutMs);
}
