import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { PROBLEM_SCHEMAS } from './api-problems.decorator';

/** Swagger UI at /docs, the OpenAPI document at /docs-json; both public. */
export function setupSwagger(app: INestApplication): void {
  const config = new DocumentBuilder()
    .setTitle('groupcap admin and reporting API')
    .setDescription('Keeps the bank\'s credit exposure to each group client inside its regulatory cap. Money is a decimal string; errors are application/problem+json.')
    .setVersion('v1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .build();
  const document = SwaggerModule.createDocument(app, config, { extraModels: PROBLEM_SCHEMAS });
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
}
