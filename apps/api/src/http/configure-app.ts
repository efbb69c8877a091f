import { INestApplication } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { setupSwagger } from '../docs/swagger.setup';
import { ProblemDetailsFilter } from '../problems/problem-details.filter';
import { refuseDuplicateKeys, reportUnparseableBody, requireJsonBody, verifyJsonShape } from './json-body.middleware';

/** Commands are small; anything bigger is refused (413) before it is parsed. */
export const JSON_BODY_LIMIT = '1mb';

/**
 * What main and the in-process tests both apply, so tests run the same HTTP surface. The app must
 * be created with `bodyParser: false`: the JSON parser is registered here with its limit.
 */
export function configureApp(app: INestApplication): void {
  const express = app as NestExpressApplication;
  express.use(requireJsonBody);
  // verify sees the raw text before JSON.parse: too deep a body never reaches the parser (JSON_TOO_DEEP).
  express.useBodyParser('json', { limit: JSON_BODY_LIMIT, verify: verifyJsonShape });
  express.use(reportUnparseableBody);
  express.use(refuseDuplicateKeys);
  express.disable('x-powered-by');
  // Global filters set here (not as APP_FILTER) also catch router-level errors: unknown routes, bad JSON, 413.
  app.useGlobalFilters(new ProblemDetailsFilter());
  setupSwagger(app);
}
