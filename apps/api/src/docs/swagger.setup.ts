import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { PROBLEM_SCHEMAS } from './api-problems.decorator';
import { statusOf } from '../problems/problem-status.table';
import { ProblemCode } from '../problems/problem-code';

/** Swagger UI at /docs, the OpenAPI document at /docs-json; both public. */
export function setupSwagger(app: INestApplication): void {
  const config = new DocumentBuilder()
    .setTitle('groupcap admin and reporting API')
    .setDescription('Keeps the bank\'s credit exposure to each group client inside its regulatory cap. Money is a decimal string; errors are application/problem+json.')
    .setVersion('v1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .build();
  const document = describeRolesAndCodes(SwaggerModule.createDocument(app, config, { extraModels: PROBLEM_SCHEMAS }));
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
}

type Operation = { description?: string; responses?: Record<string, { description?: string }>; 'x-roles'?: string[]; 'x-problem-codes'?: ProblemCode[] };

/**
 * Puts each operation's roles at the head of its description, and each problem code under its status, so a reader
 * of the document (or of Swagger UI) sees who may call what and which codes come back, endpoint by endpoint.
 */
export function describeRolesAndCodes(document: OpenAPIObject): OpenAPIObject {
  for (const item of Object.values(document.paths)) {
    for (const operation of Object.values(item) as Operation[]) {
      if (typeof operation !== 'object' || operation === null || !('responses' in operation)) continue;
      const roles = operation['x-roles'];
      if (roles && !(operation.description ?? '').startsWith('Role')) {
        const head = `Role${roles.length > 1 ? 's' : ''}: ${roles.join(', ')}.`;
        operation.description = operation.description ? `${head} ${operation.description}` : head;
      }
      for (const code of operation['x-problem-codes'] ?? []) {
        const response = operation.responses?.[String(statusOf(code))];
        if (!response) continue;
        const listed = /^codes: ([A-Z0-9_, ]+)\. /.exec(response.description ?? '');
        const codes = listed ? [...listed[1].split(', '), code] : [code];
        const rest = listed ? (response.description ?? '').slice(listed[0].length) : (response.description ?? '');
        response.description = `codes: ${[...new Set(codes)].join(', ')}. ${rest}`;
      }
    }
  }
  return document;
}
