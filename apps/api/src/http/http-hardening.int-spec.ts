import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { CustomerReadModel } from '@groupcap/projections';
import { mintAccessToken } from '../auth/access-token';
import { HardeningConfig, readHardeningConfig } from '../config/hardening-config';
import { FakeReadModels, fakeRuntime } from '../testing/fake-runtime';
import { startTestApp, TEST_SECRET, TestApp } from '../testing/test-app';
import { createLogger } from './request-logging';

/** The HTTP shell's protections, in-process over fakes: headers, rate limit, exposure of /docs and /metrics, timeouts, logs. */
describe('HTTP hardening', () => {
  const customer = { customerId: 'C-1', name: '甲公司', kind: 'enterprise', groupId: null, limits: [], comprehensiveLimit: '0.00', outstanding: '0.00', exposure: '0.00' };
  const open = (env: NodeJS.ProcessEnv = {}): HardeningConfig => readHardeningConfig({ NODE_ENV: 'test', ...env });

  async function start(hardening: HardeningConfig, logger?: ReturnType<typeof createLogger>): Promise<TestApp> {
    const readModels = new FakeReadModels();
    readModels.customersById.set('C-1', customer as unknown as CustomerReadModel);
    return startTestApp(fakeRuntime({ readModels }), { hardening, logger });
  }

  const get = (api: TestApp, path: string, token?: string, headers: Record<string, string> = {}) =>
    fetch(api.url + path, { headers: { ...(token && { authorization: `Bearer ${token}` }), ...headers } });

  describe('headers', () => {
    let api: TestApp;
    beforeAll(async () => (api = await start(open())));
    afterAll(() => api.close());

    it('customer data is Cache-Control: no-store, with helmet headers and a CSP that allows nothing', async () => {
      const response = await get(api, '/api/v1/customers/C-1', api.token('olivia', 'officer'));
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(response.headers.get('content-security-policy')).toBe("default-src 'none';frame-ancestors 'none'");
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(response.headers.get('strict-transport-security')).toMatch(/^max-age=\d+/);
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(response.headers.get('x-powered-by')).toBeNull();
    });

    it('problems are no-store too', async () => {
      const refused = await get(api, '/api/v1/customers/C-1');
      expect(refused.status).toBe(401);
      expect(refused.headers.get('cache-control')).toBe('no-store');
    });

    it('Swagger UI keeps working: helmet default policy allowing its own scripts', async () => {
      const response = await get(api, '/docs');
      expect(response.status).toBe(200);
      expect(response.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
      expect(await response.text()).not.toMatch(/<script>[^<]/); // no inline script the policy would block
    });
  });

  describe('the web dashboard at /', () => {
    let api: TestApp;
    let bare: TestApp;
    let dir: string;
    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'dashboard-'));
      mkdirSync(join(dir, 'assets'));
      writeFileSync(join(dir, 'index.html'), '<!doctype html><div id="app"></div><script type="module" src="/assets/app.js"></script>');
      writeFileSync(join(dir, 'assets', 'app.js'), 'console.log(1);');
      const readModels = new FakeReadModels();
      readModels.customersById.set('C-1', customer as unknown as CustomerReadModel);
      api = await startTestApp(fakeRuntime({ readModels }), { hardening: open(), dashboardDir: dir });
      bare = await start(open());
    });
    afterAll(async () => {
      await api.close();
      await bare.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('serves index.html and its assets with a policy for its own scripts, styles and same-origin calls', async () => {
      const page = await get(api, '/');
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toMatch(/^text\/html/);
      const csp = page.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("style-src 'self'");
      expect(csp).toContain("connect-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain('unsafe-inline');
      expect(page.headers.get('cache-control')).toBe('no-store');
      const script = await get(api, '/assets/app.js');
      expect(script.status).toBe(200);
      expect(script.headers.get('content-type')).toMatch(/javascript/);
    });

    it('leaves the API as it was: its CSP allows nothing, a token is still needed, other methods and paths are not files', async () => {
      const read = await get(api, '/api/v1/customers/C-1', api.token('olivia', 'officer'));
      expect(read.status).toBe(200);
      expect(read.headers.get('content-security-policy')).toBe("default-src 'none';frame-ancestors 'none'");
      expect((await get(api, '/api/v1/customers/C-1')).status).toBe(401);
      expect((await fetch(api.url + '/', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status).toBe(404);
      expect((await get(api, '/assets/missing.js')).status).toBe(404);
    });

    it('without a build, / is 404 as before', async () => {
      const page = await get(bare, '/');
      expect(page.status).toBe(404);
      expect(page.headers.get('content-security-policy')).toBe("default-src 'none';frame-ancestors 'none'");
    });
  });

  describe('rate limit (RATE_LIMIT=3 per 60 s)', () => {
    let api: TestApp;
    beforeAll(async () => (api = await start(open({ RATE_LIMIT: '3', RATE_LIMIT_WINDOW_SECONDS: '60' }))));
    afterAll(() => api.close());

    it('the fourth request of one user within the window is 429 RATE_LIMITED with Retry-After; another user is not affected', async () => {
      const alice = api.token('alice', 'officer', 'risk');
      // One budget across endpoints: three different reads use it up.
      for (const path of ['/api/v1/customers/C-1', '/api/v1/breaches', '/api/v1/groups']) expect((await get(api, path, alice)).status).toBe(200);
      const refused = await get(api, '/api/v1/customers/C-1', alice);
      expect(refused.status).toBe(429);
      expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      const retryAfter = Number(refused.headers.get('retry-after'));
      expect(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60).toBe(true);
      const problem = (await refused.json()) as Record<string, unknown>;
      expect(problem).toMatchObject({ status: 429, code: 'RATE_LIMITED', type: 'https://groupcap.dev/problems/rate-limited', limit: 3, windowSeconds: 60, retryAfter });
      // Commands count too.
      const command = await fetch(`${api.url}/api/v1/customers`, {
        method: 'POST',
        headers: { authorization: `Bearer ${alice}`, 'content-type': 'application/json' },
        body: JSON.stringify({ customerId: 'C-2', name: 'x', kind: 'enterprise' }),
      });
      expect(command.status).toBe(429);

      expect((await get(api, '/api/v1/customers/C-1', api.token('bob', 'officer'))).status).toBe(200);
    });

    it('never limits /health', async () => {
      for (let i = 0; i < 6; i++) expect((await get(api, '/health')).status).toBe(200);
    });
  });

  describe('/docs and /metrics exposure', () => {
    it('off: both answer 404 as unknown routes', async () => {
      const api = await start(open({ DOCS: 'off', METRICS: 'off' }));
      try {
        for (const path of ['/docs', '/docs-json', '/metrics']) {
          const response = await get(api, path, api.token('root', 'admin'));
          expect([path, response.status, ((await response.json()) as { code: string }).code]).toEqual([path, 404, 'NOT_FOUND']);
        }
      } finally {
        await api.close();
      }
    });

    it('auth: docs need any valid token, metrics a token of admin or risk', async () => {
      const api = await start(open({ DOCS: 'auth', METRICS: 'auth' }));
      try {
        expect((await get(api, '/docs-json')).status).toBe(401);
        expect((await get(api, '/docs-json', 'not.a.token')).status).toBe(401);
        expect((await get(api, '/docs-json', api.token('rita', 'regulator'))).status).toBe(200);
        expect((await get(api, '/metrics')).status).toBe(401);
        expect((await get(api, '/metrics', api.token('olivia', 'officer'))).status).toBe(403);
        expect((await get(api, '/metrics', api.token('ops', 'risk'))).status).toBe(200);
        expect((await get(api, '/metrics', api.token('root', 'admin'))).status).toBe(200);
        // A token over the lifetime cap is no key to them either.
        expect((await get(api, '/metrics', mintAccessToken(TEST_SECRET, 'ops', ['risk'], 13 * 3600))).status).toBe(401);
      } finally {
        await api.close();
      }
    });
  });

  describe('timeouts (headers 300 ms, whole request 800 ms)', () => {
    let api: TestApp;
    beforeAll(async () => (api = await start(open({ HTTP_HEADERS_TIMEOUT_MS: '300', HTTP_REQUEST_TIMEOUT_MS: '800' }))));
    afterAll(() => api.close());

    /** Sends `text`, never finishes the request, and resolves with what the server answered and when it closed. */
    function stall(text: string): Promise<{ answer: string; ms: number }> {
      const { port } = new URL(api.url);
      return new Promise((done, fail) => {
        const started = Date.now();
        const socket: Socket = connect(Number(port), '127.0.0.1', () => socket.write(text));
        let answer = '';
        socket.on('data', (d) => (answer += d));
        socket.on('error', fail);
        socket.on('close', () => done({ answer, ms: Date.now() - started }));
        setTimeout(() => socket.destroy(new Error('the server kept a stalled request open for 5 s')), 5000);
      });
    }

    it('a client that never finishes its headers gets 408 and the connection closed', async () => {
      const { answer, ms } = await stall('GET /health HTTP/1.1\r\nHost: localhost\r\nX-Slow: ');
      expect(answer).toMatch(/^HTTP\/1\.1 408/);
      expect(ms).toBeGreaterThanOrEqual(250);
      expect(ms).toBeLessThan(3000);
    });

    it('a client that sends headers but never the whole body gets 408 and the connection closed', async () => {
      const { answer, ms } = await stall(
        `POST /api/v1/customers HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer ${api.token('olivia', 'officer')}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"customerId":`,
      );
      expect(answer).toMatch(/^HTTP\/1\.1 408/);
      expect(ms).toBeGreaterThanOrEqual(700);
      expect(ms).toBeLessThan(3500);
    });
  });

  describe('JSON logs', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(...String(chunk).split('\n').filter(Boolean));
        done();
      },
    });
    let api: TestApp;
    beforeAll(async () => (api = await start(open(), createLogger('info', sink))));
    afterAll(() => api.close());
    beforeEach(() => (lines.length = 0));
    const parsed = () => lines.map((line) => JSON.parse(line) as Record<string, unknown>);

    it('every line of a request carries its correlation id (the one the client sent), and the answer echoes it', async () => {
      const token = api.token('olivia', 'officer');
      const response = await get(api, '/api/v1/customers/C-1', token, { 'x-correlation-id': 'corr-42' });
      expect(response.status).toBe(200);
      expect(response.headers.get('x-correlation-id')).toBe('corr-42');
      await new Promise((r) => setTimeout(r, 50));
      const entries = parsed();
      const request = entries.find((e) => (e.req as { url?: string } | undefined)?.url === '/api/v1/customers/C-1');
      expect(request).toMatchObject({ correlationId: 'corr-42', userId: 'olivia', res: { statusCode: 200 } });
      const audit = entries.find((e) => e.context === 'audit');
      expect(audit).toMatchObject({ correlationId: 'corr-42' });
      expect(JSON.parse(audit!.msg as string)).toMatchObject({ event: 'api-read', userId: 'olivia' });
    });

    it('without one, a fresh id is made, logged and echoed', async () => {
      const response = await get(api, '/api/v1/breaches', api.token('olivia', 'officer'));
      const id = response.headers.get('x-correlation-id');
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
      await new Promise((r) => setTimeout(r, 50));
      expect(parsed().find((e) => e.msg === 'GET /api/v1/breaches 200')).toMatchObject({ correlationId: id });
    });

    it('the request line says what was asked, by whom and how it ended; a refused request has one too, a /health poll none', async () => {
      const token = api.token('olivia', 'officer');
      await get(api, '/api/v1/customers/C-1?asOf=2026-01-05', token, { 'x-correlation-id': 'corr-line' });
      await get(api, '/api/v1/customers/C-1', undefined, { 'x-correlation-id': 'corr-refused' });
      await get(api, '/health', undefined, { 'x-correlation-id': 'corr-health' });
      await new Promise((r) => setTimeout(r, 50));
      const requestLines = (id: string) => parsed().filter((e) => e.correlationId === id && e.req !== undefined);
      const [read] = requestLines('corr-line');
      expect(read).toMatchObject({
        level: 'info',
        msg: 'GET /api/v1/customers/C-1 200',
        req: { method: 'GET', url: '/api/v1/customers/C-1?asOf=2026-01-05' },
        userId: 'olivia',
        roles: ['officer'],
        res: { statusCode: 200 },
      });
      expect(typeof read.responseTime).toBe('number');
      expect(read.err).toBeUndefined();
      expect(requestLines('corr-refused')).toEqual([expect.objectContaining({ msg: 'GET /api/v1/customers/C-1 401', res: { statusCode: 401 } })]);
      expect(requestLines('corr-refused')[0].userId).toBeUndefined();
      expect(requestLines('corr-health')).toEqual([]);
    });

    it('no line carries an Authorization header or a token, accepted or refused', async () => {
      const token = api.token('olivia', 'officer');
      const forged = mintAccessToken('another-secret-0123456789abcdef0123', 'mallory', ['admin'], 60);
      await get(api, '/api/v1/customers/C-1', token);
      await get(api, '/api/v1/customers/C-1', forged);
      await fetch(`${api.url}/api/v1/customers`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, cookie: 'session=s3cr3t', 'content-type': 'text/plain' },
        body: 'x',
      });
      await new Promise((r) => setTimeout(r, 50));
      const text = lines.join('\n');
      expect(lines.length).toBeGreaterThanOrEqual(3);
      for (const secret of [token, forged, token.split('.')[2], forged.split('.')[2], 'Bearer', 's3cr3t', TEST_SECRET]) expect(text).not.toContain(secret);
      expect(text.toLowerCase()).not.toContain('authorization');
    });
  });
});
