import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Logger as PinoNestLogger } from 'nestjs-pino';
import { Role } from '@groupcap/domain';
import { AppModule } from '../app.module';
import { mintAccessToken } from '../auth/access-token';
import { configureApp } from '../http/configure-app';
import { ExpressShellAdapter } from '../http/express-shell.adapter';
import type { Logger } from 'pino';
import { HardeningConfig } from '../config/hardening-config';
import { ApiRuntime } from '../runtime/api-runtime';

export const TEST_SECRET = 'test-secret-of-enough-length-for-hs256-0123456789';

export interface TestApp {
  app: INestApplication;
  url: string;
  token(sub: string, ...roles: Role[]): string;
  close(): Promise<void>;
}

/** The real HTTP surface (same module and configuration as main) on an ephemeral port, over fakes. */
export async function startTestApp(
  runtime: ApiRuntime,
  options: { readWaitMs?: number; hardening?: HardeningConfig; logger?: Logger; dashboardDir?: string } = {},
): Promise<TestApp> {
  const { hardening, logger } = options;
  const moduleRef = await Test.createTestingModule({
    imports: [AppModule.register({ runtime, jwtSecret: TEST_SECRET, readWaitMs: options.readWaitMs ?? 50, hardening, logger })],
  }).compile();
  const app = moduleRef.createNestApplication(new ExpressShellAdapter(), { bodyParser: false, logger: false, bufferLogs: logger !== undefined });
  if (logger) app.useLogger(app.get(PinoNestLogger));
  configureApp(app, { hardening, logger, dashboardDir: options.dashboardDir ?? '' });
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  return {
    app,
    url: `http://127.0.0.1:${address.port}`,
    token: (sub, ...roles) => mintAccessToken(TEST_SECRET, sub, roles, 3600),
    close: () => app.close(),
  };
}
