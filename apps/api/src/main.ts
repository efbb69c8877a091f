import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';
import { mintAccessToken } from './auth/access-token';
import { ConfigError, readApiConfig } from './config/api-config';
import { businessToday } from './config/business-today';
import { JwtSecretSource, resolveJwtSecret } from './config/jwt-secret';
import { configureApp } from './http/configure-app';
import { developmentTokenHint } from './config/development-token-hint';
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
  if (jwt.source === 'file') printDevelopmentToken(jwt, config);

  // Listening first lets /health answer "starting" while the writer and projections catch up.
  await runtime.start();
  logger.log(`ready: caught up with the log`);
}

function printDevelopmentToken(jwt: Extract<JwtSecretSource, { source: 'file' }>, config: { port: number; dataDir: string; businessDate?: string }): void {
  const token = mintAccessToken(jwt.secret, 'dev', ['officer', 'approver', 'admin'], 12 * 3600);
  console.log(developmentTokenHint({ token, secretFile: jwt.file, created: jwt.created, dataDir: config.dataDir, port: config.port, businessDate: config.businessDate }));
}

bootstrap().catch((error: unknown) => {
  logger.error(error instanceof ConfigError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
