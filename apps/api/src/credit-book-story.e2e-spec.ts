import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { client, ServerProcess, startServer, tokenFor } from './testing/server-process';
import { STORES_UNDER_TEST as stores, StoreUnderTest } from './testing/stores-under-test';

/**
 * The credit department's story, end to end over HTTP against the real server process and the embedded
 * store. Figures by hand: net capital 1,000,000,000.00 → group cap 15% = 150,000,000.00, single-customer
 * cap 10% = 100,000,000.00; escalation above 66,000,000.00.
 */
describe.each(stores)('a credit book over HTTP on %s, from links to a cap breach and a kill -9', (_name, openStore) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'groupcap-e2e-'));
  let env: Record<string, string>;
  let store: StoreUnderTest;
  let server: ServerProcess;
  const acknowledged: string[] = [];
  let officer: ReturnType<typeof client>;
  let officerApprover: ReturnType<typeof client>;
  let approver: ReturnType<typeof client>;
  let admin: ReturnType<typeof client>;
  let risk: ReturnType<typeof client>;

  const connect = () => {
    officer = client(server.baseUrl, tokenFor('wang', ['officer']));
    officerApprover = client(server.baseUrl, tokenFor('li', ['officer', 'approver']));
    approver = client(server.baseUrl, tokenFor('zhao', ['approver']));
    admin = client(server.baseUrl, tokenFor('admin', ['admin']));
    risk = client(server.baseUrl, tokenFor('chen', ['risk']));
  };
  /** Every accepted command's position is remembered to check durability after kill -9. */
  const ok = <T extends { status: number; body: { position?: string } }>(response: T, status = 201): T => {
    expect({ status: response.status, body: response.body }).toMatchObject({ status });
    acknowledged.push(response.body.position as string);
    return response;
  };
  const types = (response: { body: { events: { type: string }[] } }) => response.body.events.map((e) => e.type);
  const last = () => acknowledged[acknowledged.length - 1];

  beforeAll(async () => {
    store = await openStore();
    env = { DATA_DIR: dataDir, BUSINESS_DATE: '2026-03-31', ...store.env };
    server = await startServer(env);
    connect();
  });
  afterAll(async () => {
    await server?.kill('SIGTERM');
    await store?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses requests without a valid token or the right role', async () => {
    expect((await client(server.baseUrl, 'not-a-token').get('/api/v1/breaches')).status).toBe(401);
    const regulator = client(server.baseUrl, tokenFor('reg', ['regulator']));
    const refused = await regulator.post('/api/v1/customers', { customerId: 'X', name: 'x', kind: 'enterprise' });
    expect(refused.status).toBe(403);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
  });

  it('refuses a grant before net capital is declared, then takes the declaration', async () => {
    ok(await officer.post('/api/v1/customers', { customerId: 'A', name: '华东控股有限公司', kind: 'enterprise', creditCode: '91350100M000100Y43' }));
    const early = await officer.post('/api/v1/limits', { limitId: 'LA0', customerId: 'A', amount: '1.00', validFrom: '2026-01-01', validTo: '2026-12-31' });
    expect(early.body).toMatchObject({ status: 422, code: 'NET_CAPITAL_NOT_DECLARED' });
    ok(await admin.put('/api/v1/capital', { asOf: '2025-12-31', netCapital: '1000000000.00' }));
  });

  it('builds a three-level group from links, controlled by a natural person who is not a member', async () => {
    ok(await officer.post('/api/v1/customers', { customerId: 'P', name: '王建国', kind: 'individual' }));
    for (const [id, name] of [['B', '华东制造有限公司'], ['C', '华东贸易有限公司'], ['D', '江南实业有限公司'], ['E', '江南物流有限公司']]) {
      ok(await officer.post('/api/v1/customers', { customerId: id, name, kind: 'enterprise' }));
    }
    // P holds 60% of A: only one legal person, no group yet.
    expect(types(ok(await officer.post('/api/v1/relations', { relationId: 'r1', from: 'P', to: 'A', type: 'equity', share: '0.6' })))).toEqual(['RelationRecorded']);
    const formed = ok(await officer.post('/api/v1/relations', { relationId: 'r2', from: 'A', to: 'B', type: 'equity', share: '0.6' }));
    expect(formed.body.events[1]).toMatchObject({ type: 'GroupFormed', groupId: 'G000001' });
    const joined = ok(await officer.post('/api/v1/relations', { relationId: 'r3', from: 'B', to: 'C', type: 'equity', share: '0.7' }));
    expect(joined.body.events[1]).toMatchObject({ type: 'GroupMemberJoined', groupId: 'G000001', customerId: 'C' });
    ok(await officer.post('/api/v1/relations', { relationId: 'r4', from: 'D', to: 'E', type: 'consolidation' }));

    const group = await officer.get(`/api/v1/groups/G000001?minPosition=${last()}`);
    expect(group.status).toBe(200);
    expect([...group.body.members].sort()).toEqual(['A', 'B', 'C']);
    expect((await officer.get(`/api/v1/customers/P?minPosition=${last()}`)).body.groupId).toBeNull();
  });

  it('grants up to the cap, escalates above the threshold and needs a second person to approve', async () => {
    const grant = (limitId: string, customerId: string, amount: string, as = officer) =>
      as.post('/api/v1/limits', { limitId, customerId, amount, validFrom: '2026-01-01', validTo: '2026-12-31', branch: customerId < 'D' ? 'SH001' : 'NJ002' });
    ok(await grant('LA1', 'A', '60000000.00')); // group total 60,000,000.00
    ok(await grant('LB1', 'B', '6000000.00')); // 66,000,000.00: at the threshold, not above it
    // 150,000,000.00 is above 66,000,000.00: only a request, which does not count toward the cap yet.
    const requested = ok(await grant('LC1', 'C', '84000000.00', officerApprover), 202);
    expect(types(requested)).toEqual(['LimitRequested']);

    const self = await officerApprover.post('/api/v1/limits/LC1/approve');
    expect(self.body).toMatchObject({ status: 403, code: 'SELF_APPROVAL' });
    // The approver's work queue: LC1, asked for by the officer-approver, who cannot decide it themselves.
    const queue = await approver.get(`/api/v1/limits?status=pending&minPosition=${last()}`);
    expect(queue.body).toEqual({ items: [expect.objectContaining({ limitId: 'LC1', customerId: 'C', amount: '84000000.00', status: 'pending', requestedBy: 'li' })], next: null });
    // Least exposure: the approver reads the group and the customer of a request awaiting their decision...
    expect((await approver.get(`/api/v1/groups/G000001?minPosition=${last()}`)).status).toBe(200);
    expect((await approver.get('/api/v1/customers/C')).status).toBe(200);
    // ...but not a customer with nothing awaiting them (E, of the other group, has no request).
    expect((await approver.get('/api/v1/customers/E')).body).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    expect(types(ok(await approver.post('/api/v1/limits/LC1/approve')))).toEqual(['LimitApproved']);
    // Decided: the queue is empty and the group is out of the approver's sight again.
    expect((await approver.get(`/api/v1/limits?status=pending&minPosition=${last()}`)).body).toEqual({ items: [], next: null });
    expect((await approver.get('/api/v1/groups/G000001')).status).toBe(403);

    // The group now stands exactly at its cap: one fen more is refused, with the figures.
    const before = await risk.get('/api/v1/events?limit=1000');
    const over = await grant('LA2', 'A', '0.01');
    expect(over.status).toBe(422);
    expect(over.headers.get('content-type')).toContain('application/problem+json');
    expect(over.body).toMatchObject({ code: 'GROUP_CAP_EXCEEDED', basis: 'limit', cap: '150000000.00', current: '150000000.00', requested: '0.01' });
    expect((await risk.get('/api/v1/events?limit=1000')).body.items).toHaveLength(before.body.items.length);

    ok(await grant('LD1', 'D', '30000000.00'));
    ok(await officer.post('/api/v1/limits/LD1/drawdowns', { drawdownId: 'DD1', amount: '10000000.00', product: 'loan' }));
    const acceptance = ok(await officer.post('/api/v1/limits/LA1/drawdowns', { drawdownId: 'DA1', amount: '20000000.00', product: 'acceptance', margin: '5000000.00' }));
    expect(acceptance.body.events[0]).toMatchObject({ type: 'DrawdownBooked', exposure: '15000000.00' });
  });

  it('a deemed-group link merges the two groups over the cap, and drawdowns freeze until it is cured', async () => {
    // 150,000,000.00 + 30,000,000.00 = 180,000,000.00 > 150,000,000.00; G000001 reports more, so its id survives.
    const merged = ok(await officer.post('/api/v1/relations', { relationId: 'r5', from: 'C', to: 'D', type: 'deemed-group' }));
    expect(types(merged)).toEqual(['RelationRecorded', 'GroupsMerged', 'CapBreached']);
    expect(merged.body.events[1]).toMatchObject({ groupId: 'G000001', absorbedGroupIds: ['G000002'] });
    expect(merged.body.events[2]).toMatchObject({ groupId: 'G000001', basis: 'limit', measure: '180000000.00', cap: '150000000.00' });

    const breaches = await risk.get(`/api/v1/breaches?minPosition=${last()}`);
    expect(breaches.body.items).toEqual([expect.objectContaining({ groupId: 'G000001', basis: 'limit', measure: '180000000.00', cap: '150000000.00' })]);
    const group = (await officer.get(`/api/v1/groups/G000001?minPosition=${last()}`)).body;
    // Outstanding 10,000,000.00 loan (on balance) + 20,000,000.00 acceptance (off balance); exposure 10,000,000.00 + 15,000,000.00.
    expect(group).toMatchObject({
      comprehensiveLimit: '180000000.00',
      onBalance: '10000000.00',
      offBalance: '20000000.00',
      outstanding: '30000000.00',
      exposure: '25000000.00',
      cap: '150000000.00',
      inBreach: true,
    });
    expect([...group.members].sort()).toEqual(['A', 'B', 'C', 'D', 'E']);

    const frozen = await officer.post('/api/v1/limits/LA1/drawdowns', { drawdownId: 'DA2', amount: '1000000.00', product: 'loan' });
    expect(frozen.body).toMatchObject({ status: 422, code: 'GROUP_IN_BREACH', regime: 'cbrc-2010' });
    // Repayments are always accepted.
    const repaid = ok(await officer.post('/api/v1/drawdowns/DD1/repayments', { amount: '4000000.00' }));
    expect(repaid.body.events[0]).toMatchObject({ type: 'RepaymentBooked', outstandingAfter: '6000000.00' });
    expect((await officer.get(`/api/v1/customers/D?minPosition=${last()}`)).body).toMatchObject({ groupId: 'G000001', outstanding: '6000000.00', exposure: '6000000.00' });

    // Removing the link splits the group again: G000001 keeps its three members at exactly its cap, cured.
    const split = ok(await officer.delete('/api/v1/relations/r5'));
    expect(types(split)).toEqual(['RelationRemoved', 'GroupSplit', 'CapBreachCured']);
    expect(split.body.events[2]).toMatchObject({ groupId: 'G000001', basis: 'limit', measure: '150000000.00', reason: 'back-under-cap' });
    ok(await officer.post('/api/v1/limits/LA1/drawdowns', { drawdownId: 'DA2', amount: '1000000.00', product: 'loan' }));
  });

  it('answers a repeated Idempotency-Key with the first response and records nothing new', async () => {
    const body = { customerId: 'F', name: '西北能源有限公司', kind: 'enterprise' };
    const first = ok(await officer.post('/api/v1/customers', body, { 'Idempotency-Key': 'story-F' }));
    const again = await officer.post('/api/v1/customers', body, { 'Idempotency-Key': 'story-F' });
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    const reused = await officer.post('/api/v1/customers', { ...body, name: 'other' }, { 'Idempotency-Key': 'story-F' });
    expect(reused.body).toMatchObject({ status: 409, code: 'IDEMPOTENCY_KEY_REUSED' });
  });

  it("shows the regulator the maximum comprehensive limit, not the exposure, and freezes a filed report", async () => {
    const regulator = client(server.baseUrl, tokenFor('cbirc', ['regulator']));
    // G000001 {A, B, C}: limits 60,000,000.00 + 6,000,000.00 + 84,000,000.00; DA1 acceptance 20,000,000.00 (margin
    // 5,000,000.00, exposure 15,000,000.00) and DA2 loan 1,000,000.00. G000003 {D, E} (split off): LD1 30,000,000.00,
    // DD1 loan 10,000,000.00 - 4,000,000.00 repaid. Ratios to 1,000,000,000.00 of net capital.
    const report = await regulator.get(`/api/v1/reports/large-credit?asOf=2026-03-31&minPosition=${last()}`);
    expect(report.status).toBe(200);
    expect(report.body).toMatchObject({ asOf: '2026-03-31', netCapital: '1000000000.00' });
    expect(report.body.rows).toEqual([
      expect.objectContaining({
        rank: 1, subjectType: 'group', groupId: 'G000001', memberCount: 3, comprehensiveLimit: '150000000.00', onBalance: '1000000.00',
        offBalance: '20000000.00', outstanding: '21000000.00', exposure: '16000000.00', ratio: '0.1500', carriedForward: false, inBreach: false,
      }),
      expect.objectContaining({
        rank: 2, subjectType: 'group', memberCount: 2, comprehensiveLimit: '30000000.00', onBalance: '6000000.00', offBalance: '0.00',
        outstanding: '6000000.00', exposure: '6000000.00', ratio: '0.0300', leadBranch: 'NJ002',
      }),
    ]);
    const wan = await regulator.get('/api/v1/reports/large-credit?asOf=2026-03-31&unit=wan&threshold=10000');
    expect(wan.body.rows.map((r: { comprehensiveLimit: string }) => Number(r.comprehensiveLimit))).toEqual([15000]);
    const csv = await regulator.get('/api/v1/reports/large-credit?asOf=2026-03-31&format=csv');
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.body).toContain('G000001');

    ok(await admin.post('/api/v1/reports/large-credit/filings', { asOf: '2026-03-31' }));
    expect((await admin.post('/api/v1/reports/large-credit/filings', { asOf: '2026-03-31' })).body).toMatchObject({ status: 409, code: 'REPORT_ALREADY_FILED' });
    // A later same-day repayment changes the filed date's figures: the filed rows stand, flagged as restated.
    ok(await officer.post('/api/v1/drawdowns/DD1/repayments', { amount: '1000000.00' }));
    const restated = (await regulator.get(`/api/v1/reports/large-credit?asOf=2026-03-31&minPosition=${last()}`)).body;
    expect(restated.restated).toBe(true);
    expect(restated.rows[1]).toMatchObject({ outstanding: '6000000.00' });
    expect(restated.current.rows[1]).toMatchObject({ outstanding: '5000000.00', exposure: '5000000.00' });
    expect(restated.differences).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'outstanding', filed: '6000000.00', current: '5000000.00' })]),
    );
  });

  it('wrote the log to the store under test', () => {
    // The embedded store lives in DATA_DIR; on EventStoreDB only the read models do.
    expect(existsSync(join(dataDir, 'events.db'))).toBe(store.env.EVENT_STORE === undefined);
    expect(existsSync(join(dataDir, 'read-models.db'))).toBe(true);
  });

  it('exposes Prometheus metrics for the engineer on call', async () => {
    const metrics = await fetch(`${server.baseUrl}/metrics`).then((r) => r.text());
    const value = (name: string) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(metrics)?.[1]);
    expect(value('groupcap_writer_commands_total')).toBeGreaterThanOrEqual(acknowledged.length);
    expect(value('groupcap_writer_conflicts_total')).toBe(0);
    // A fresh log has no snapshot found reviewed today: the day's first command was preceded by a review of every subject.
    expect(value('groupcap_writer_reviews_total')).toBeGreaterThanOrEqual(1);
    expect(value('groupcap_read_model_position')).toBe(value('groupcap_log_head_position'));
    expect(value('groupcap_ready')).toBe(1);
  });

  it('keeps every acknowledged event through kill -9 and a restart', async () => {
    const groupBefore = (await officer.get(`/api/v1/groups/G000001?minPosition=${last()}`)).body;
    await server.kill('SIGKILL');
    server = await startServer(env);
    connect();

    const log = await risk.get('/api/v1/events?limit=1000');
    const positions = new Set(log.body.items.map((e: { position: string }) => e.position));
    for (const position of acknowledged) expect(positions).toContain(position);
    expect(log.body.items[0].metadata).toMatchObject({ actor: { userId: 'wang', roles: ['officer'] }, effectiveDate: '2026-03-31' });
    expect((await officer.get(`/api/v1/groups/G000001?minPosition=${last()}`)).body).toEqual(groupBefore);
    // The writer rebuilt its state too: the group is at its cap, so one fen more is still refused.
    const over = await officer.post('/api/v1/limits', { limitId: 'LA3', customerId: 'B', amount: '0.01', validFrom: '2026-01-01', validTo: '2026-12-31' });
    expect(over.body).toMatchObject({ code: 'GROUP_CAP_EXCEEDED', current: '150000000.00' });
  });
});
