import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger as PinoNestLogger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { mintAccessToken } from './auth/access-token';
import { ConfigError, readApiConfig } from './config/api-config';
import { businessToday } from './config/business-today';
import { HardeningConfig, readHardeningConfig } from './config/hardening-config';
import { JwtSecretSource, resolveJwtSecret } from './config/jwt-secret';
import { configureApp } from './http/configure-app';
import { ExpressShellAdapter } from './http/express-shell.adapter';
import { createLogger } from './http/request-logging';
import { developmentTokenHint } from './config/development-token-hint';
import { applyHeapGrowth } from './runtime/heap-growth';
import { openRuntime } from './runtime/open-runtime';

const logger = new Logger('groupcap');

async function bootstrap(): Promise<void> {
  // Whatever this process creates (the store, read models, snapshots, the development secret) is the owner's alone.
  process.umask(0o077);
  const config = readApiConfig(process.env);
  const hardening = readHardeningConfig(process.env);
  const jwt = resolveJwtSecret(config);
  const today = businessToday(config.businessDate);
  const runtime = openRuntime(config, today);
  const pino = createLogger(hardening.logLevel);

  const app = await NestFactory.create(AppModule.register({ runtime, jwtSecret: jwt.secret, hardening, logger: pino }), new ExpressShellAdapter(), {
    bodyParser: false,
    bufferLogs: true,
  });
  app.useLogger(app.get(PinoNestLogger));
  configureApp(app, { hardening, logger: pino });
  // Only the stop signals: Nest's default list includes SIGUSR2, which `--heapsnapshot-signal` needs (docs/operations.md).
  app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
  if (hardening.host !== undefined) await app.listen(config.port, hardening.host);
  else await app.listen(config.port);
  logger.log(
    `listening on ${hardening.host ?? 'every interface'} port ${config.port} as ${config.serverRole}; data in ${config.dataDir}; today is ${today()}${config.businessDate ? ' (BUSINESS_DATE)' : ''}; ` +
      `docs ${hardening.docs}, metrics ${hardening.metrics}, rate limit ${hardening.rateLimit ? `${hardening.rateLimit.limit} per ${hardening.rateLimit.windowSeconds} s per user` : 'off'}`,
  );
  if (jwt.source === 'file') printDevelopmentToken(jwt, config, hardening);

  // Listening first lets /health answer "starting" while the writer and projections catch up.
  await runtime.start();
  // Only now: while the book loads, everything on the heap is live, and collecting after every half of growth only
  // marks it again (set before the start, a restart of 2,000,000 events took 11.0 s against 8.4 s without it).
  applyHeapGrowth(config.heapGrowingPercent);
  logger.log(`ready: caught up with the log`);
}

/**
 * Development only (production requires AUTH_JWT_SECRET, so the secret never comes from the file there): a
 * human-readable hint on stdout, deliberately not a log line, since log lines never carry tokens.
 */
function printDevelopmentToken(
  jwt: Extract<JwtSecretSource, { source: 'file' }>,
  config: { port: number; dataDir: string; businessDate?: string },
  hardening: HardeningConfig,
): void {
  const ttl = Math.min(12 * 3600, hardening.token.maxTtlSeconds);
  const token = mintAccessToken(jwt.secret, 'dev', ['officer', 'approver', 'admin'], ttl, hardening.token);
  console.log(developmentTokenHint({ token, hours: ttl / 3600, secretFile: jwt.file, created: jwt.created, dataDir: config.dataDir, port: config.port, businessDate: config.businessDate }));
}

bootstrap().catch((error: unknown) => {
  logger.error(error instanceof ConfigError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
