import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { client, ServerProcess, startServer, tokenFor } from './testing/server-process';

/**
 * Correct on every date, over HTTP against the real server (domain.md sections 1 and 4, "The time model" in
 * docs/domain.md). Today is 2026-03-31. Net capital 1,000,000,000.00 as of 2025-12-31: group cap 15% =
 * 150,000,000.00, single-customer cap 10% = 100,000,000.00; escalation above 66,000,000.00.
 */
describe('back-dated commands over HTTP', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'groupcap-backdated-'));
  let server: ServerProcess;
  let officer: ReturnType<typeof client>;
  let risk: ReturnType<typeof client>;
  let regulator: ReturnType<typeof client>;
  let last = '0';
  const ok = async (response: Promise<{ status: number; body: { position?: string; events?: { type: string; data: Record<string, unknown> }[] } }>, status = 201) => {
    const r = await response;
    expect({ status: r.status, body: r.body }).toMatchObject({ status });
    last = r.body.position as string;
    return r.body.events ?? [];
  };
  const read = (who: ReturnType<typeof client>, path: string) => who.get(`${path}${path.includes('?') ? '&' : '?'}minPosition=${last}`);

  beforeAll(async () => {
    server = await startServer({ DATA_DIR: dataDir, BUSINESS_DATE: '2026-03-31' });
    officer = client(server.baseUrl, tokenFor('wang', ['officer']));
    risk = client(server.baseUrl, tokenFor('chen', ['risk']));
    regulator = client(server.baseUrl, tokenFor('reg', ['regulator']));
    const admin = client(server.baseUrl, tokenFor('admin', ['admin']));
    await ok(admin.put('/api/v1/capital', { asOf: '2025-12-31', netCapital: '1000000000.00', effectiveDate: '2026-01-02' }));
    for (const customerId of ['P', 'A', 'B']) {
      await ok(officer.post('/api/v1/customers', { customerId, name: `${customerId} Ltd`, kind: 'enterprise', effectiveDate: '2026-01-02' }));
    }
    await ok(officer.post('/api/v1/limits', { limitId: 'LA', customerId: 'A', amount: '40000000.00', validFrom: '2026-01-01', validTo: '2026-12-31', effectiveDate: '2026-01-05' }));
    await ok(officer.post('/api/v1/limits', { limitId: 'LP', customerId: 'P', amount: '30000000.00', validFrom: '2026-01-01', validTo: '2026-12-31', effectiveDate: '2026-01-05' }));
  });
  afterAll(async () => {
    await server?.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('groups a back-dated link from its own date on, in as-of reads and in the report', async () => {
    // Recorded today, effective 2026-02-01: P holds 60% of A.
    const events = await ok(officer.post('/api/v1/relations', { relationId: 'R1', from: 'P', to: 'A', type: 'equity', share: '0.6', effectiveDate: '2026-02-01' }));
    expect(events.map((e) => e.type)).toEqual(['RelationRecorded', 'GroupFormed']);
    expect((await read(risk, '/api/v1/customers/A?asOf=2026-01-31')).body.groupId).toBeNull();
    expect((await read(risk, '/api/v1/customers/A?asOf=2026-02-01')).body.groupId).toBe('G000001');
    expect((await read(risk, '/api/v1/groups/G000001?asOf=2026-01-31')).status).toBe(404);
    // On 2026-02-01 the group holds LA 40,000,000.00 + LP 30,000,000.00 = 70,000,000.00.
    expect((await read(risk, '/api/v1/groups/G000001?asOf=2026-02-01')).body).toMatchObject({ members: ['A', 'P'], comprehensiveLimit: '70000000.00' });
    const january = (await read(regulator, '/api/v1/reports/large-credit?asOf=2026-01-31')).body.rows;
    expect(january.map((r: { customerId: string | null; groupId: string | null }) => r.groupId ?? r.customerId)).toEqual(['A', 'P']);
    const february = (await read(regulator, '/api/v1/reports/large-credit?asOf=2026-02-28')).body.rows;
    expect(february.map((r: { groupId: string | null; comprehensiveLimit: string }) => [r.groupId, r.comprehensiveLimit])).toEqual([['G000001', '70000000.00']]);
  });

  it('unlinks back to a date and restates the later dates, as identification from scratch would', async () => {
    // R1 removed as of 2026-03-01: the group holds from 02-01 to 02-28 only.
    await ok(officer.post('/api/v1/relations', { relationId: 'R2', from: 'P', to: 'B', type: 'board', effectiveDate: '2026-03-10' }));
    const removed = await ok(officer.delete('/api/v1/relations/R1', { effectiveDate: '2026-03-01' }));
    // On 03-01 {A, P} falls apart. On 03-10, the next date grouping changed, the log had B joining G000001 (then
    // {A, B, P}); over the relations in force then (R2 only) the group is {B, P}: G000001 continues with P back in.
    expect(removed).toEqual([
      { type: 'RelationRemoved', relationId: 'R1', from: 'P', to: 'A', relationType: 'equity' },
      { type: 'GroupDissolved', groupId: 'G000001', members: ['A', 'P'] },
      { type: 'GroupMemberJoined', groupId: 'G000001', customerId: 'P', effectiveFrom: '2026-03-10' },
    ]);
    expect((await read(risk, '/api/v1/customers/A?asOf=2026-02-28')).body.groupId).toBe('G000001');
    expect((await read(risk, '/api/v1/customers/A?asOf=2026-03-01')).body.groupId).toBeNull();
    // From 03-01 P stood alone (a one-member "group" does not exist), and from 03-10 P controls B.
    expect((await read(risk, '/api/v1/customers/P?asOf=2026-03-05')).body.groupId).toBeNull();
    expect((await read(risk, '/api/v1/groups/G000001?asOf=2026-03-20')).body).toMatchObject({ members: ['B', 'P'] });
  });

  it('decides a back-dated drawdown against the limit as it stood on its date', async () => {
    // LA renewed to 60,000,000.00 as of 03-15. A drawdown of 50,000,000.00 back-dated to 03-01 exceeds the
    // 40,000,000.00 of LA on 03-01; the same drawdown dated 03-20 fits.
    await ok(officer.post('/api/v1/limits/LA/renewal', { amount: '60000000.00', validTo: '2026-12-31', effectiveDate: '2026-03-15' }));
    const refused = await officer.post('/api/v1/limits/LA/drawdowns', { drawdownId: 'D1', amount: '50000000.00', product: 'loan', effectiveDate: '2026-03-01' });
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ code: 'LIMIT_EXCEEDED', limit: '40000000.00', available: '40000000.00', requested: '50000000.00' });
    await ok(officer.post('/api/v1/limits/LA/drawdowns', { drawdownId: 'D1', amount: '50000000.00', product: 'loan', effectiveDate: '2026-03-20' }));
  });

  it('refuses a second customer with a registered credit code, naming the holder', async () => {
    await ok(officer.post('/api/v1/customers', { customerId: 'C1', name: '甲公司', kind: 'enterprise', creditCode: '91350100M000100Y43' }));
    const again = await officer.post('/api/v1/customers', { customerId: 'C2', name: '甲公司', kind: 'enterprise', creditCode: '91350100M000100Y43' });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'CREDIT_CODE_EXISTS', customerId: 'C1', creditCode: '91350100M000100Y43' });
  });
});
