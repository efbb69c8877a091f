import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import helmet from 'helmet';
import type { NestExpressApplication } from '@nestjs/platform-express';

/**
 * The web dashboard (apps/dashboard, built by `npm run build` into dist/dashboard): static files only, served at
 * `/` (index.html) and `/assets/*`. It holds no data; every figure it shows comes from /api/v1 with the user's
 * bearer token, so the API's own headers stay as they are.
 */
export const isDashboardPath = (path: string): boolean => path === '/' || path === '/index.html' || path.startsWith('/assets/') || path === '/favicon.svg';

/** dist/dashboard beside dist/apps/api/src/http, or DASHBOARD_DIR. */
export function dashboardDir(): string | undefined {
  const dir = process.env.DASHBOARD_DIR ?? resolve(__dirname, '../../../../dashboard');
  return existsSync(join(dir, 'index.html')) ? dir : undefined;
}

/**
 * The dashboard's pages may run their own scripts and styles and call the API on the same origin, nothing else:
 * no inline script, no other origin, no framing. ECharts draws on canvas; Vue sets styles through the CSSOM.
 */
export function dashboardSecurityHeaders() {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'none'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'"],
        baseUri: ["'none'"],
        formAction: ["'none'"],
        frameAncestors: ["'none'"],
      },
    },
  });
}

/** Serves the built files (GET and HEAD only; any other path or method goes on to the API). */
export function serveDashboard(app: NestExpressApplication, dir: string): void {
  app.useStaticAssets(dir, { index: 'index.html', redirect: false, fallthrough: true });
}
