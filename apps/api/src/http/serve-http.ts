import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger as PinoNestLogger } from 'nestjs-pino';
import { AppModule } from '../app.module';
import { mintAccessToken } from '../auth/access-token';
import { ApiConfig } from '../config/api-config';
import { developmentTokenHint } from '../config/development-token-hint';
import { HardeningConfig } from '../config/hardening-config';
import { JwtSecretSource } from '../config/jwt-secret';
import { ApiRuntime } from '../runtime/api-runtime';
import { configureApp } from './configure-app';
import { ExpressShellAdapter } from './express-shell.adapter';
import { createLogger } from './request-logging';

const logger = new Logger('groupcap');

/** The HTTP shell on a runtime that may still be starting (health says "starting" until it is ready). */
export async function serveHttp(config: ApiConfig, hardening: HardeningConfig, jwt: JwtSecretSource, runtime: ApiRuntime, today: () => string): Promise<void> {
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
