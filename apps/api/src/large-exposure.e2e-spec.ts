import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { client, ServerProcess, startServer, tokenFor } from './testing/server-process';

/**
 * The 2018 large-exposure regime beside the 2010 one, over HTTP against the real server (domain.md section 8).
 * Today is 2026-03-31. Declared as of 2025-12-31: net capital 1,000,000,000.00, tier-1 net capital 400,000,000.00.
 *   2010 caps (net capital): group 15% = 150,000,000.00, standalone customer 10% = 100,000,000.00.
 *   2018 caps: single client 15% of tier-1 = 60,000,000.00; connected group 20% = 80,000,000.00; interbank 25% =
 *   100,000,000.00; loans to a single client 10% of net capital = 100,000,000.00; large exposure from 2.5% of tier-1
 *   = 10,000,000.00. The default CCF of an acceptance is 1.00.
 * The book:
 *   A "Anhe Steel" and B "Baiyun Ore" (enterprises), tied only by economic dependence (B's ore goes to A): one
 *     connected group for the 2018 measure, anchored at A, and no group client (2010).
 *     A: loan 50,000,000.00. B: acceptance 35,000,000.00 with 5,000,000.00 cash margin: before mitigation
 *     35,000,000.00 x 1.00, after 30,000,000.00. Connected group: before 85,000,000.00, after 80,000,000.00 = its cap.
 *   F "Fuxing Bank" (financial institution): interbank placement 100,000,000.00 = 25% of tier-1, its own cap exactly.
 *   S "Ministry of Finance" (sovereign): bonds 90,000,000.00 = 22.5% of tier-1, over 15% but exempt.
 */
describe('the 2018 large-exposure regime over HTTP', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'groupcap-large-exposure-'));
  let server: ServerProcess;
  let officer: ReturnType<typeof client>;
  let approver: ReturnType<typeof client>;
  let risk: ReturnType<typeof client>;
  let regulator: ReturnType<typeof client>;
  let admin: ReturnType<typeof client>;
  let last = '0';
  const ok = async (response: Promise<{ status: number; body: { position?: string; events?: { type: string; data: Record<string, unknown> }[] } }>, status = 201) => {
    const r = await response;
    expect({ status: r.status, body: r.body }).toMatchObject({ status });
    last = r.body.position as string;
    return r.body.events ?? [];
  };
  const read = (who: ReturnType<typeof client>, path: string) => who.get(`${path}${path.includes('?') ? '&' : '?'}minPosition=${last}`);
  const on = { effectiveDate: '2026-01-05' };

  beforeAll(async () => {
    server = await startServer({ DATA_DIR: dataDir, BUSINESS_DATE: '2026-03-31' });
    officer = client(server.baseUrl, tokenFor('wang', ['officer']));
    approver = client(server.baseUrl, tokenFor('li', ['approver']));
    risk = client(server.baseUrl, tokenFor('chen', ['risk']));
    regulator = client(server.baseUrl, tokenFor('reg', ['regulator']));
    admin = client(server.baseUrl, tokenFor('admin', ['admin']));
    await ok(admin.put('/api/v1/capital', { asOf: '2025-12-31', netCapital: '1000000000.00', tier1NetCapital: '400000000.00', effectiveDate: '2026-01-02' }));
    const customers: [string, string, string][] = [
      ['A', 'Anhe Steel', 'enterprise'],
      ['B', 'Baiyun Ore', 'enterprise'],
      ['F', 'Fuxing Bank', 'financial-institution'],
      ['S', 'Ministry of Finance', 'sovereign'],
    ];
    for (const [customerId, name, kind] of customers) await ok(officer.post('/api/v1/customers', { customerId, name, kind, effectiveDate: '2026-01-02' }));
    await ok(officer.post('/api/v1/relations', { relationId: 'R-AB', from: 'B', to: 'A', type: 'economic-dependence', effectiveDate: '2026-01-03' }));
    const limits: [string, string, string][] = [
      ['LA', 'A', '60000000.00'],
      ['LB', 'B', '40000000.00'],
      ['LF', 'F', '100000000.00'],
      ['LS', 'S', '90000000.00'],
    ];
    for (const [limitId, customerId, amount] of limits) {
      const r = await officer.post('/api/v1/limits', { limitId, customerId, amount, validFrom: '2026-01-01', validTo: '2026-12-31', ...on });
      expect([201, 202]).toContain(r.status);
      last = r.body.position;
      // Above the 66,000,000.00 escalation threshold a grant awaits an approver.
      if (r.status === 202) await ok(approver.post(`/api/v1/limits/${limitId}/approve`, on));
    }
  });
  afterAll(async () => {
    await server?.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('shows tier-1 net capital and the 2018 settings in the capital and policy reads', async () => {
    expect((await read(admin, '/api/v1/capital')).body).toMatchObject({ tier1NetCapital: '400000000.00', inForce: { netCapital: '1000000000.00', tier1NetCapital: '400000000.00' } });
    expect((await read(admin, '/api/v1/policy')).body).toMatchObject({ regimes: ['cbrc-2010', 'nfra-2018'], tier1ConnectedGroupRatio: '0.20', tier1InterbankRatio: '0.25', largeExposureRatio: '0.025' });
  });

  it('joins A and B by economic dependence for the 2018 measure only, and takes an interbank client and a sovereign to their figures', async () => {
    // Economic dependence makes no group client: A and B stand alone under the 2010 guideline.
    expect((await read(risk, '/api/v1/customers/A')).body.groupId).toBeNull();
    await ok(officer.post('/api/v1/limits/LA/drawdowns', { drawdownId: 'DA', amount: '50000000.00', product: 'loan', ...on }));
    await ok(officer.post('/api/v1/limits/LB/drawdowns', { drawdownId: 'DB', amount: '35000000.00', product: 'acceptance', margin: '5000000.00', ...on }));
    // F at 100,000,000.00 = 25% of tier-1: its interbank cap exactly, within it (only "more than" breaks a cap).
    await ok(officer.post('/api/v1/limits/LF/drawdowns', { drawdownId: 'DF', amount: '100000000.00', product: 'interbank', ...on }));
    // S at 90,000,000.00 = 22.5% of tier-1, over the 15% single-client cap: a sovereign is exempt.
    await ok(officer.post('/api/v1/limits/LS/drawdowns', { drawdownId: 'DS', amount: '90000000.00', product: 'bond', ...on }));
    expect((await read(risk, '/api/v1/breaches')).body.items).toEqual([]);
  });

  it('refuses a drawdown on the 2018 basis while the 2010 measures still have room', async () => {
    // B's connected group with A is at 80,000,000.00, its cap: one more yuan would take it over.
    const refused = await officer.post('/api/v1/limits/LB/drawdowns', { drawdownId: 'DB2', amount: '1.00', product: 'loan' });
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({
      code: 'LARGE_EXPOSURE_CAP_EXCEEDED',
      regime: 'nfra-2018',
      basis: 'tier1-connected-group',
      connectedGroupId: 'A',
      members: ['A', 'B'],
      cap: '80000000.00',
      current: '80000000.00',
      requested: '1.00',
    });
    // Under the 2010 guideline B stands alone: exposure 30,000,000.00 against its 100,000,000.00 cap, and LB (40,000,000.00)
    // has 5,000,000.00 left. Nothing was written.
    const b = (await read(risk, '/api/v1/customers/B')).body;
    expect(b).toMatchObject({ groupId: null, outstanding: '35000000.00', exposure: '30000000.00' });
    expect((await read(risk, '/api/v1/limits/LB')).body).toMatchObject({ available: '5000000.00' });
  });

  it('lists the G14 report rows, checked by hand', async () => {
    const report = (await read(regulator, '/api/v1/reports/large-exposure?asOf=2026-03-31')).body;
    // Tier-1 400,000,000.00 yuan = 40,000.00 wan; threshold 10,000,000.00 yuan = 1,000.00 wan.
    expect(report).toMatchObject({ asOf: '2026-03-31', unit: 'wan', tier1NetCapital: '40000.00', threshold: '1000.00', reason: null, filing: null, restated: false });
    const rows = report.rows.map((r: Record<string, unknown>) => [r.rank, r.subjectType, r.subjectId, r.members, r.exposureBeforeMitigation, r.exposureAfterMitigation, r.ratio, r.interbank, r.exempt, r.inBreach]);
    expect(rows).toEqual([
      // F: 100,000,000.00 / 400,000,000.00 = 0.2500 of tier-1, at its interbank cap.
      [1, 'customer', 'F', ['F'], '10000.00', '10000.00', '0.2500', true, false, false],
      // S: 90,000,000.00 = 0.2250, exempt.
      [2, 'customer', 'S', ['S'], '9000.00', '9000.00', '0.2250', false, true, false],
      // A + B: 50,000,000.00 + 35,000,000.00 before, 50,000,000.00 + 30,000,000.00 after = 0.2000, at its cap.
      [3, 'connected-group', 'A', ['A', 'B'], '8500.00', '8000.00', '0.2000', false, false, false],
      // A alone: 50,000,000.00 = 0.1250. B alone: 35,000,000.00 before, 30,000,000.00 after = 0.0750.
      [4, 'customer', 'A', ['A'], '5000.00', '5000.00', '0.1250', false, false, false],
      [5, 'customer', 'B', ['B'], '3500.00', '3000.00', '0.0750', false, false, false],
    ]);
    // Before the declaration took effect nothing is measured, and the report says why.
    expect((await read(risk, '/api/v1/reports/large-exposure?asOf=2025-12-30')).body).toMatchObject({ tier1NetCapital: null, reason: 'TIER1_NET_CAPITAL_NOT_DECLARED', rows: [] });
    const csv = await regulator.get('/api/v1/reports/large-exposure?asOf=2026-03-31&format=csv');
    expect(csv.status).toBe(200);
    expect(csv.body as string).toContain('3,connected-group,A,Anhe Steel,false,2,A;B,,8500.00,8000.00,0.2000,false,false,current,false,2026-03-31,wan');
  });

  it('files the G14 report of the date once, and refuses a date without tier-1 net capital', async () => {
    const filed = await ok(risk.post('/api/v1/reports/large-exposure/filings', { asOf: '2026-03-31' }));
    // Each event of the answer carries its fields beside its type.
    const events = filed as unknown as { type: string; asOf: string; tier1NetCapital: string; rows: unknown[] }[];
    expect(events.map((e) => [e.type, e.asOf, e.tier1NetCapital, e.rows.length])).toEqual([['LargeExposureReportFiled', '2026-03-31', '400000000.00', 5]]);
    expect((await read(regulator, '/api/v1/reports/large-exposure?asOf=2026-03-31')).body).toMatchObject({ filing: { filedBy: 'chen' }, restated: false });
    const again = await risk.post('/api/v1/reports/large-exposure/filings', { asOf: '2026-03-31' });
    expect([again.status, again.body.code]).toEqual([409, 'REPORT_ALREADY_FILED']);
    const early = await risk.post('/api/v1/reports/large-exposure/filings', { asOf: '2025-12-30' });
    expect([early.status, early.body.code]).toEqual([422, 'TIER1_NET_CAPITAL_NOT_DECLARED']);
  });

  it('records 2018 breaches with their regime when tier-1 net capital is re-declared lower, and flags them in the G14 report', async () => {
    // Tier-1 re-declared at 300,000,000.00 from 2026-03-01: the connected group's cap is 20% = 60,000,000.00, under its
    // 80,000,000.00; F's interbank cap 25% = 75,000,000.00 under its 100,000,000.00; A's single-client cap 15% =
    // 45,000,000.00 under its 50,000,000.00. S stays exempt. Net capital unchanged: the 2010 measures are within.
    await ok(admin.put('/api/v1/capital', { asOf: '2026-03-01', netCapital: '1000000000.00', tier1NetCapital: '300000000.00' }));
    const breaches = (await read(risk, '/api/v1/breaches')).body.items as { regime: string; basis: string; customerId: string | null; connectedGroupId: string | null; measure: string; cap: string }[];
    const seen = breaches.map((b) => [b.regime, b.basis, b.customerId ?? b.connectedGroupId, b.measure, b.cap]).sort();
    expect(seen).toEqual(
      [
        ['nfra-2018', 'tier1-connected-group', 'A', '80000000.00', '60000000.00'],
        ['nfra-2018', 'tier1-interbank', 'F', '100000000.00', '75000000.00'],
        ['nfra-2018', 'tier1-single-client', 'A', '50000000.00', '45000000.00'],
      ].sort(),
    );
    // The date was filed before the re-declaration: the filed rows stand, restated with the current ones.
    const g14 = (await read(regulator, '/api/v1/reports/large-exposure?asOf=2026-03-31')).body;
    expect(g14).toMatchObject({ restated: true, tier1NetCapital: '40000.00', current: { tier1NetCapital: '30000.00' } });
    expect(g14.differences).toContainEqual({ subject: 'report', field: 'tier1NetCapital', filed: '400000000.00', current: '300000000.00' });
    // Ratios now of 300,000,000.00: F 100,000,000.00 = 0.3333, S 0.3000, A + B 0.2667, A 0.1667, B 0.1000.
    expect(g14.current.rows.map((r: { subjectId: string; ratio: string; inBreach: boolean }) => [r.subjectId, r.ratio, r.inBreach])).toEqual([
      ['F', '0.3333', true],
      ['S', '0.3000', false],
      ['A', '0.2667', true],
      ['A', '0.1667', true],
      ['B', '0.1000', false],
    ]);
    expect(g14.rows.map((r: { subjectId: string; inBreach: boolean }) => [r.subjectId, r.inBreach])).toEqual([
      ['F', false],
      ['S', false],
      ['A', false],
      ['A', false],
      ['B', false],
    ]);
  });
});
