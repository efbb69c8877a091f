import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { client, ServerProcess, startServer, tokenFor } from './testing/server-process';

/**
 * Against the real server and the embedded log: input that is not what the contract says is a 4xx
 * problem+json, never a 5xx, and the log is exactly as long afterwards as before.
 */
describe('malformed input against the real server and log', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'groupcap-malformed-'));
  let server: ServerProcess;
  let risk: ReturnType<typeof client>;
  let officer: ReturnType<typeof client>;

  beforeAll(async () => {
    server = await startServer({ DATA_DIR: dataDir, BUSINESS_DATE: '2026-03-31' });
    risk = client(server.baseUrl, tokenFor('chen', ['risk']));
    officer = client(server.baseUrl, tokenFor('wang', ['officer']));
  });
  afterAll(async () => {
    await server?.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** Number of events in the log, read once the read side has every accepted position. */
  async function logLength(minPosition?: string): Promise<number> {
    const page = await risk.get(`/api/v1/events?limit=1000${minPosition ? `&minPosition=${minPosition}` : ''}`);
    expect(page.status).toBe(200);
    return (page.body as { items: unknown[] }).items.length;
  }

  const raw = (path: string, body: string, headers: Record<string, string> = {}) =>
    fetch(server.baseUrl + path, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokenFor('wang', ['officer'])}`, 'content-type': 'application/json', ...headers },
      body,
    });

  it('refuses too deep, duplicate-key, prototype-key and null bodies with 400 and writes nothing', async () => {
    const registered = await officer.post('/api/v1/customers', { customerId: 'C-1', name: 'Huaxin', kind: 'enterprise' });
    expect(registered.status).toBe(201);
    const before = await logLength(registered.body.position);
    expect(before).toBeGreaterThan(0);

    const customer = '"customerId":"C-2","name":"Other","kind":"enterprise"';
    const cases: Array<[string, string]> = [
      [`{${customer},"effectiveDate":${'['.repeat(3000)}${']'.repeat(3000)}}`, 'JSON_TOO_DEEP'],
      [`{${customer},"name":"Again"}`, 'DUPLICATE_JSON_KEY'],
      [`{${customer},"__proto__":{"kind":"individual"}}`, 'VALIDATION_FAILED'],
      [`{${customer},"constructor":{"prototype":{"polluted":true}}}`, 'VALIDATION_FAILED'],
      [`{${customer},"toString":"x","hasOwnProperty":"y","valueOf":1}`, 'VALIDATION_FAILED'],
      [`{${customer},"creditCode":null}`, 'VALIDATION_FAILED'],
    ];
    for (const [body, code] of cases) {
      const response = await raw('/api/v1/customers', body);
      expect({ status: response.status, code: ((await response.json()) as { code: string }).code, type: response.headers.get('content-type') }).toEqual({
        status: 400,
        code,
        type: expect.stringMatching(/^application\/problem\+json/),
      });
    }
    expect(await logLength()).toBe(before);
    expect(server.output()).not.toMatch(/INTERNAL_ERROR|Maximum call stack|RangeError/);
  });

  it('replays an X-Command-Id sent again with its request, and refuses it for another body or endpoint', async () => {
    const body = { customerId: 'C-3', name: 'Third', kind: 'enterprise' };
    const first = await officer.post('/api/v1/customers', body, { 'X-Command-Id': 'cmd-42' });
    expect(first.status).toBe(201);
    const before = await logLength(first.body.position);

    const again = await officer.post('/api/v1/customers', body, { 'X-Command-Id': 'cmd-42' });
    expect([again.status, again.headers.get('idempotent-replayed'), again.body]).toEqual([201, 'true', first.body]);
    const otherBody = await officer.post('/api/v1/customers', { ...body, customerId: 'C-4' }, { 'X-Command-Id': 'cmd-42' });
    expect(otherBody.body).toMatchObject({ status: 409, code: 'COMMAND_ID_REUSED', commandId: 'cmd-42' });
    const otherEndpoint = await officer.post('/api/v1/relations', { relationId: 'R-9', from: 'C-1', to: 'C-3', type: 'guarantee' }, { 'X-Command-Id': 'cmd-42' });
    expect(otherEndpoint.body).toMatchObject({ status: 409, code: 'COMMAND_ID_REUSED' });
    expect(await logLength()).toBe(before);
  });
});
