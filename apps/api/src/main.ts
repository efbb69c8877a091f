import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';
import { mintAccessToken } from './auth/access-token';
import { ConfigError, readApiConfig } from './config/api-config';
import { businessToday } from './config/business-today';
import { JwtSecretSource, resolveJwtSecret } from './config/jwt-secret';
import { configureApp } from './http/configure-app';
import { openRuntime } from './runtime/open-runtime';

const logger = new Logger('groupcap');

async function bootstrap(): Promise<void> {
  const config = readApiConfig(process.env);
  const jwt = resolveJwtSecret(config);
  const today = businessToday(config.businessDate);
  const runtime = openRuntime(config, today);

  const app = await NestFactory.create(AppModule.register({ runtime, jwtSecret: jwt.secret }), { bodyParser: false });
  configureApp(app);
  app.enableShutdownHooks();
  await app.listen(config.port);
  logger.log(`listening on port ${config.port} as ${config.serverRole}; data in ${config.dataDir}; today is ${today()}${config.businessDate ? ' (BUSINESS_DATE)' : ''}`);
  if (jwt.source === 'file') printDevelopmentToken(jwt, config.port);

  // Listening first lets /health answer "starting" while the writer and projections catch up.
  await runtime.start();
  logger.log(`ready: caught up with the log`);
}

function printDevelopmentToken(jwt: Extract<JwtSecretSource, { source: 'file' }>, port: number): void {
  const token = mintAccessToken(jwt.secret, 'dev', ['officer', 'approver', 'admin'], 12 * 3600);
  console.log(
    [
      '',
      `AUTH_JWT_SECRET is not set: using the development secret in ${jwt.file}${jwt.created ? ' (just generated)' : ''}.`,
      'A token for user "dev" with roles officer, approver, admin, valid 12 hours:',
      '',
      `  ${token}`,
      '',
      `  curl -H "Authorization: Bearer <token>" http://localhost:${port}/api/v1/breaches`,
      'Mint others with:  npm run cli -- token --sub alice --roles officer',
      '',
    ].join('\n'),
  );
}

bootstrap().catch((error: unknown) => {
  logger.error(error instanceof ConfigError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
