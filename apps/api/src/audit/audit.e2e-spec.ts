import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { client, ServerProcess, startServer, tokenFor } from '../testing/server-process';
import { STORES_UNDER_TEST as stores, StoreUnderTest } from '../testing/stores-under-test';

interface Item {
  sequence: string;
  kind: string;
  actor: { userId: string; roles: string[] } | null;
  action: string;
  subject: { type: string; id: string } | null;
  correlationId: string;
  outcome: { status: number; code?: string };
  previousHash: string;
  hash: string;
}

/**
 * domain.md section 7 over HTTP: a read by an officer, a denied request and a refused command each leave a record
 * that risk staff find at GET /api/v1/audit, with who, what, the correlation id and the outcome; nobody else may look.
 */
describe.each(stores)('access and refusal records over HTTP on %s', (_name, openStore) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'groupcap-audit-e2e-'));
  let store: StoreUnderTest;
  let server: ServerProcess;
  let officer: ReturnType<typeof client>;
  let risk: ReturnType<typeof client>;
  let regulator: ReturnType<typeof client>;

  beforeAll(async () => {
    store = await openStore();
    server = await startServer({ DATA_DIR: dataDir, BUSINESS_DATE: '2026-03-31', ...store.env });
    officer = client(server.baseUrl, tokenFor('wang', ['officer']));
    risk = client(server.baseUrl, tokenFor('chen', ['risk']));
    regulator = client(server.baseUrl, tokenFor('reg', ['regulator']));
  });
  afterAll(async () => {
    await server?.kill('SIGTERM');
    await store?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** Denials and refusals are written a few milliseconds after their answer: wait for them. */
  async function recordsOf(query: string, count: number): Promise<Item[]> {
    const deadline = Date.now() + 5000;
    for (;;) {
      const page = await risk.get(`/api/v1/audit?${query}`);
      expect(page.status).toBe(200);
      const items = (page.body as { items: Item[] }).items;
      if (items.length >= count || Date.now() > deadline) return items;
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  it('records a read, a 403, a 401 and a refused command about a customer, and shows them to risk', async () => {
    const registered = await officer.post('/api/v1/customers', { customerId: 'AUD-1', name: 'Audited Co', kind: 'enterprise' }, { 'X-Correlation-Id': 'corr-register' });
    expect(registered.status).toBe(201);
    const refused = await officer.post('/api/v1/customers', { customerId: 'AUD-1', name: 'Again', kind: 'enterprise' }, { 'X-Correlation-Id': 'corr-again' });
    expect([refused.status, refused.body.code]).toEqual([409, 'CUSTOMER_EXISTS']);
    const read = await officer.get(`/api/v1/customers/AUD-1?minPosition=${registered.body.position}`);
    expect(read.status).toBe(200);
    const readCorrelation = read.headers.get('x-correlation-id');
    expect(readCorrelation).toMatch(/^[0-9a-f-]{36}$/);
    expect((await regulator.get('/api/v1/customers/AUD-1')).status).toBe(403);
    expect((await client(server.baseUrl, 'forged').get('/api/v1/customers/AUD-1')).status).toBe(401);

    const items = await recordsOf('subject=AUD-1', 4);
    const subject = { type: 'customer', id: 'AUD-1' };
    expect(items.map(({ kind, actor, subject: s, outcome }) => ({ kind, actor, subject: s, outcome }))).toEqual([
      // The accepted registration is an event of the log, not a record; its refused repeat is.
      { kind: 'refused', actor: { userId: 'wang', roles: ['officer'] }, subject, outcome: { status: 409, code: 'CUSTOMER_EXISTS' } },
      { kind: 'read', actor: { userId: 'wang', roles: ['officer'] }, subject, outcome: { status: 200 } },
      { kind: 'denied', actor: { userId: 'reg', roles: ['regulator'] }, subject, outcome: { status: 403, code: 'FORBIDDEN' } },
      { kind: 'denied', actor: null, subject, outcome: { status: 401, code: 'UNAUTHENTICATED' } },
    ]);
    expect(items[0].correlationId).toBe('corr-again');
    expect(items[1]).toMatchObject({ correlationId: readCorrelation, action: `GET /api/v1/customers/AUD-1?minPosition=${registered.body.position}` });
    expect(items[0].action).toBe('POST /api/v1/customers');
    expect(items.every((item) => /^[0-9a-f]{64}$/.test(item.hash))).toBe(true);

    // The accepted command's events carry the correlation id it was sent with.
    const log = await risk.get('/api/v1/events?limit=10');
    expect(log.body.items.find((e: { type: string }) => e.type === 'CustomerRegistered').metadata.correlationId).toBe('corr-register');
  });

  it('gives a request one correlation id: the JSON log line, the answer, the access record and the events all carry it', async () => {
    const registered = await officer.post('/api/v1/customers', { customerId: 'AUD-2', name: 'Once Co', kind: 'enterprise' });
    expect(registered.status).toBe(201);
    const made = registered.headers.get('x-correlation-id');
    expect(made).toMatch(/^[0-9a-f-]{36}$/);
    const log = await risk.get(`/api/v1/events?limit=50&minPosition=${registered.body.position}`);
    expect(log.body.items.find((e: { data: { customerId?: string } }) => e.data.customerId === 'AUD-2').metadata.correlationId).toBe(made);

    const read = await officer.get(`/api/v1/customers/AUD-2?minPosition=${registered.body.position}`);
    const id = read.headers.get('x-correlation-id');
    const [record] = await recordsOf('subject=AUD-2', 1);
    expect(record).toMatchObject({ kind: 'read', correlationId: id });
    const lines = server
      .output()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { correlationId?: string; req?: { url?: string } });
    const logged = lines.filter((line) => line.req?.url?.startsWith('/api/v1/customers/AUD-2'));
    expect(logged.map((line) => line.correlationId)).toEqual([id]);
  });

  it("logs a report streamed as a file once it is sent: the api-read line carries the request's correlation id", async () => {
    // Another regulator than `reg`: the next test counts reg's records.
    const csv = await client(server.baseUrl, tokenFor('lin', ['regulator'])).get('/api/v1/reports/large-credit?asOf=2026-03-31&format=csv');
    expect([csv.status, csv.headers.get('content-type')]).toEqual([200, expect.stringMatching(/^text\/csv/)]);
    const id = csv.headers.get('x-correlation-id');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    // The controller's report-read line comes first; the api-read line is written when the answer finishes, after
    // the client has it: wait for it.
    const auditLines = () =>
      server
        .output()
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as { context?: string; correlationId?: string; msg?: string })
        .filter((line) => line.context === 'audit' && line.correlationId === id)
        .map((line) => JSON.parse(line.msg as string) as { event: string });
    const deadline = Date.now() + 5000;
    while (!auditLines().some((line) => line.event === 'api-read') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(auditLines()).toEqual([
      expect.objectContaining({ event: 'report-read', userId: 'lin', report: 'large-credit', format: 'csv' }),
      expect.objectContaining({ event: 'api-read', userId: 'lin', method: 'GET', path: '/api/v1/reports/large-credit?asOf=2026-03-31&format=csv', status: 200 }),
    ]);
  });

  it('filters by actor and time, and pages with a cursor', async () => {
    const mine = await recordsOf('actor=reg', 1);
    expect(mine.map((i) => i.actor?.userId)).toEqual(['reg']);
    expect(await recordsOf('actor=reg&from=2000-01-01T00:00:00Z&to=2000-01-02T00:00:00Z', 0)).toEqual([]);
    const all = await recordsOf('subject=AUD-1', 4);
    const first = await risk.get('/api/v1/audit?subject=AUD-1&limit=2');
    expect(first.body.items.map((i: Item) => i.sequence)).toEqual(all.slice(0, 2).map((i) => i.sequence));
    const second = await risk.get(`/api/v1/audit?subject=AUD-1&limit=2&cursor=${first.body.next}`);
    expect(second.body.items.map((i: Item) => i.sequence)).toEqual(all.slice(2, 4).map((i) => i.sequence));
    expect((await risk.get('/api/v1/audit?from=yesterday')).status).toBe(400);
  });

  it('is for risk staff only: a regulator or an officer gets 403, and that is recorded too', async () => {
    expect((await regulator.get('/api/v1/audit')).status).toBe(403);
    expect((await officer.get('/api/v1/audit')).status).toBe(403);
    // wang's records so far: the refused registration and the reads of AUD-1 and AUD-2; this denial is the fourth.
    const denied = (await recordsOf('actor=wang', 4)).filter((i) => i.kind === 'denied');
    expect(denied.map((i) => [i.action, i.outcome.status])).toEqual([['GET /api/v1/audit', 403]]);
  });
});
