import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BookState, evolve, initialBookState, upcast } from '@groupcap/domain';
import { RecordedEvent, openSqliteEventStore } from '@groupcap/event-store';
import { ReportRow } from '@groupcap/projections';
import { bookEvents } from '../testing/report-book';
import { cli } from '../testing/test-shell';
import { planDemoBook } from './demo-plan';

describe('demo', () => {
  const dirs: string[] = [];
  const fresh = () => {
    const dir = mkdtempSync(join(tmpdir(), 'groupcap-demo-'));
    dirs.push(dir);
    return dir;
  };
  const readLog = async (dir: string) => {
    const store = openSqliteEventStore(dir);
    try {
      return await bookEvents(store);
    } finally {
      await store.close();
    }
  };
  const stateOf = (log: RecordedEvent[]): BookState => log.reduce((s, e) => evolve(s, upcast(e.type, e.version, e.data)), initialBookState);
  const plan = planDemoBook(2025);

  let dir: string;
  let loaded: { code: number; out: string; err: string };
  let log: RecordedEvent[];
  let state: BookState;

  beforeAll(async () => {
    dir = fresh();
    loaded = await cli({ DATA_DIR: dir, BUSINESS_DATE: '2026-01-05' }, 'demo');
    log = await readLog(dir);
    state = stateOf(log);
  });
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  const idOf = (name: string) => [...state.customers.values()].find((c) => c.name === name)!.customerId;

  it('loads the book through the writer and says what is in it and what to do next', () => {
    expect(loaded.code).toBe(0);
    expect(loaded.out).toMatch(/^Demo book loaded \(seed 2025\): \d+ commands, \d+ events, up to log position \d+/);
    expect(loaded.out).toContain('  net capital 5,000,000,000.00 as of 2024-12-31: group cap 750,000,000.00, single-customer cap 500,000,000.00');
    expect(loaded.out).toContain('Next steps');
    // Pasted as printed: the same DATA_DIR, a BUSINESS_DATE for the server, npm's banner kept out of the token.
    expect(loaded.out).toMatch(new RegExp(`\\n {7}DATA_DIR=${dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} BUSINESS_DATE=\\d{4}-\\d{2}-\\d{2} npm start\\n`));
    expect(loaded.out).toContain(`       T=$(DATA_DIR=${dir} npm run -s cli -- token --sub risk-1 --roles risk,regulator)`);
    expect(loaded.out).toContain('http://localhost:3000/docs');
    expect(loaded.out).toContain("curl -H \"Authorization: Bearer $T\" 'http://localhost:3000/api/v1/reports/large-credit?asOf=2025-12-31&unit=wan'");
     // The CLI's reads of customer data need an identity (recorded): the hints give them the same token.
    expect(loaded.out).toContain(`DATA_DIR=${dir} npm run -s cli -- --token "$T" report --as-of 2025-12-31`);
  });

  it('merges two groups by a deemed-group link on 2025-10-15, and the merged group breaks the cap', () => {
    // 420,000,000 + 380,000,000 = 800,000,000 > 15% of 5,000,000,000 = 750,000,000: the only breach of the year.
    const breaches = log.filter((e) => e.type === 'CapBreached');
    expect(breaches.map((e) => [e.metadata.effectiveDate, e.data])).toEqual([
      [
        '2025-10-15',
        { subjectType: 'group', groupId: state.groupOf.get(plan.highlights.mergedMember), regime: 'cbrc-2010', basis: 'limit', measure: '800000000.00', cap: '750000000.00', netCapital: '5000000000.00', ratio: '0.15' },
      ],
    ]);
    expect(log.filter((e) => e.type === 'GroupsMerged').map((e) => e.metadata.effectiveDate)).toEqual(['2025-10-15']);
    expect(loaded.out).toMatch(/IN BREACH: group G\d{6} .*, limit 800,000,000\.00 over its cap of 750,000,000\.00/);
  });

  it('shows the rules refusing what they must', () => {
    expect(loaded.out).toContain('2025-06-11 SELF_APPROVAL: approver-wang asked for this limit himself');
    expect(loaded.out).toContain('2025-08-05 GROUP_CAP_EXCEEDED: a further 200,000,000.00 for 江州城投建设');
    expect(loaded.out).toContain('2025-10-20 GROUP_IN_BREACH: a drawdown for the merged group is refused while it is in breach');
  });

  it('keeps the state-asset regulator\'s subsidiaries apart, and groups the family bloc\'s companies', () => {
    const [cityInvest, water, transport, regulator] = ['江州城市建设投资集团有限公司', '江州水务集团有限公司', '江州交通投资集团有限公司', '江州市人民政府国有资产监督管理委员会'].map(idOf);
    expect(state.groupOf.get(cityInvest)).toBeDefined();
    expect(state.groupOf.get(water)).toBeDefined();
    expect(state.groupOf.get(cityInvest)).not.toBe(state.groupOf.get(water));
    expect(state.groupOf.has(transport)).toBe(false);
    expect(state.groupOf.has(regulator)).toBe(false);
    const family = state.groupOf.get(idOf('建国实业有限公司'));
    expect(family).toBeDefined();
    expect(state.groupOf.get(idOf('秀英国际贸易有限公司'))).toBe(family);
    expect(state.groups.get(family!)!.members.toArray().sort()).toEqual([idOf('建国实业有限公司'), idOf('秀英国际贸易有限公司')]);
  });

  it('escalated grants were approved by a second user, never by the requester', () => {
    const requested = new Map(log.filter((e) => e.type === 'LimitRequested').map((e) => [(e.data as { limitId: string }).limitId, e.metadata.actor.userId]));
    const approvals = log.filter((e) => e.type === 'LimitApproved');
    expect(approvals.length).toBeGreaterThan(10);
    for (const a of approvals) expect(a.metadata.actor.userId).not.toBe((a.data as { requestedBy: string }).requestedBy);
    expect(requested.size).toBeGreaterThan(10);
  });

  it('reports the limit whose renewal is pending after expiry at its old amount (carried forward) at year end', async () => {
    const limit = state.limits.get(plan.highlights.carriedForwardLimit)!;
    expect(limit).toMatchObject({ validTo: '2025-09-30', status: 'active' });
    expect(limit.pendingRenewal).not.toBeNull();
    const report = await cli({ DATA_DIR: dir, BUSINESS_DATE: '2026-01-05' }, 'report', '--as-of', '2025-12-31');
    const row = (JSON.parse(report.out).rows as ReportRow[]).find((r) => r.groupId === state.groupOf.get(limit.customerId));
    expect(row).toMatchObject({ carriedForward: true });
  });

  it('writes the same log for the same seed', async () => {
    const other = fresh();
    await cli({ DATA_DIR: other, BUSINESS_DATE: '2026-01-05' }, 'demo');
    const again = await readLog(other);
    const strip = (e: RecordedEvent) => ({ id: e.id, type: e.type, data: e.data, metadata: e.metadata });
    expect(again.map(strip)).toEqual(log.map(strip));
  });

  it('refuses politely to load into a store that already holds events, and writes nothing', async () => {
    const again = await cli({ DATA_DIR: dir, BUSINESS_DATE: '2026-01-05' }, 'demo');
    expect(again.code).toBe(1);
    expect(again.err).toContain(`This store already holds a credit book (its log reaches position ${log[log.length - 1].position}), so the demo was not loaded`);
    expect(await readLog(dir)).toHaveLength(log.length);
  });

  it('needs today on or after its last business date', async () => {
    const early = await cli({ DATA_DIR: fresh(), BUSINESS_DATE: '2025-06-30' }, 'demo');
    expect(early.code).toBe(2);
    expect(early.err).toContain(`error: the demo book runs to ${plan.lastDate}, after today (2025-06-30)`);
  });

  it('leaves read models that rebuild and verify cleanly', async () => {
    const env = { DATA_DIR: dir, BUSINESS_DATE: '2026-01-05' };
    expect((await cli(env, 'rebuild')).code).toBe(0);
    expect((await cli(env, 'verify')).code).toBe(0);
  });
});
