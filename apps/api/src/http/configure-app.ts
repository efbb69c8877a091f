import { INestApplication } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { NestExpressApplication } from '@nestjs/platform-express';
import type { Logger } from 'pino';
import { HardeningConfig, OPEN_HARDENING } from '../config/hardening-config';
import { setupSwagger } from '../docs/swagger.setup';
import { ProblemDetailsFilter } from '../problems/problem-details.filter';
import { dashboardDir, serveDashboard } from './dashboard';
import { applyServerTimeouts, exposureGate, noStore, securityHeaders } from './http-shell';
import { refuseDuplicateKeys, reportUnparseableBody, requireJsonBody, verifyJsonShape } from './json-body.middleware';
import { requestLogging } from './request-logging';

/** Commands are small; anything bigger is refused (413) before it is parsed. */
export const JSON_BODY_LIMIT = '1mb';

export interface ShellOptions {
  hardening?: HardeningConfig;
  /** The process's JSON logger: one line per request with its correlation id. Omitted: no request log (tests). */
  logger?: Logger;
  /** Where the built dashboard is; default dist/dashboard when built, '' for none. */
  dashboardDir?: string;
}

/**
 * What main and the in-process tests both apply, so tests run the same HTTP surface. The app must
 * be created with `bodyParser: false`: the JSON parser is registered here with its limit. Call before
 * listen (server timeouts).
 */
export function configureApp(app: INestApplication, options: ShellOptions = {}): void {
  const hardening = options.hardening ?? OPEN_HARDENING;
  const express = app as NestExpressApplication;
  if (options.logger) express.use(requestLogging(options.logger));
  const dashboard = options.dashboardDir === undefined ? dashboardDir() : options.dashboardDir || undefined;
  express.use(securityHeaders({ dashboard: dashboard !== undefined }));
  express.use(noStore());
  express.use(exposureGate(hardening, app.get(JwtService)));
  express.use(requireJsonBody);
  // verify sees the raw text before JSON.parse: too deep a body never reaches the parser (JSON_TOO_DEEP).
  express.useBodyParser('json', { limit: JSON_BODY_LIMIT, verify: verifyJsonShape });
  express.use(reportUnparseableBody);
  express.use(refuseDuplicateKeys);
  express.disable('x-powered-by');
  // The web dashboard's static files at `/`, when built (dist/dashboard); API routes are untouched.
  if (dashboard) serveDashboard(express, dashboard);
  applyServerTimeouts(app.getHttpServer(), hardening);
  // Global filters set here (not as APP_FILTER) also catch router-level errors: unknown routes, bad JSON, 413.
  app.useGlobalFilters(new ProblemDetailsFilter());
  if (hardening.docs !== 'off') setupSwagger(app);
}
