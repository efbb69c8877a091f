import { BookProjection } from '../projection/book.projection';
import { ReportRow } from '../large-credit.port';
import { buildReportBook } from '../testing/report-scenario';
import { TestBook } from '../testing/test-book';

/** Expected rows worked out by hand from domain.md section 5; the book is described in testing/report-scenario.ts. */
const row = (fields: Partial<ReportRow>): ReportRow => ({
  rank: 0,
  subjectType: 'customer',
  groupId: null,
  customerId: null,
  name: '',
  creditCode: null,
  memberCount: 1,
  comprehensiveLimit: '0.00',
  onBalance: '0.00',
  offBalance: '0.00',
  outstanding: '0.00',
  exposure: '0.00',
  ratio: null,
  carriedForward: false,
  leadBranch: null,
  inBreach: false,
  ...fields,
});

/** As of 2025-03-31, net capital 1,000,000,000.00. */
const MARCH_ROWS: ReportRow[] = [
  // 40,000,000 + 20,000,000 + 5,000,000 (LHB expired 03-15, renewal pending: carried forward at its previous amount).
  // On: loan 15,000,000 + trade finance 2,000,000. Off: letter of credit 6,000,000. Exposure 15 + (6 - 1) + 2 = 22,000,000.
  // Ratio 65,000,000 / 1,000,000,000 = 0.0650. Lead: nothing out at 2024-12-31, so the largest now: BJ 15,000,000 > SH 8,000,000.
  row({
    rank: 1,
    subjectType: 'group',
    groupId: 'G000001',
    name: 'Huaxia Holdings',
    memberCount: 3,
    comprehensiveLimit: '65000000.00',
    onBalance: '17000000.00',
    offBalance: '6000000.00',
    outstanding: '23000000.00',
    exposure: '22000000.00',
    ratio: '0.0650',
    carriedForward: true,
    leadBranch: 'BJ',
  }),
  // 50,000,000 ties with C-N: the smaller id first. Exposure (10 - 4) + 5 = 11,000,000.
  row({
    rank: 2,
    customerId: 'C-M',
    name: 'Minjiang Shipping',
    creditCode: '91440000MA0000003B',
    comprehensiveLimit: '50000000.00',
    onBalance: '5000000.00',
    offBalance: '10000000.00',
    outstanding: '15000000.00',
    exposure: '11000000.00',
    ratio: '0.0500',
    leadBranch: 'BJ',
  }),
  row({ rank: 3, customerId: 'C-N', name: 'Nanhai Foods', comprehensiveLimit: '50000000.00', ratio: '0.0500' }),
  // LK expired 02-28 with no renewal and 7,000,000 still out: reported at the nominal outstanding.
  row({
    rank: 4,
    customerId: 'C-K',
    name: 'Kunlun Tech',
    comprehensiveLimit: '7000000.00',
    onBalance: '7000000.00',
    outstanding: '7000000.00',
    exposure: '7000000.00',
    ratio: '0.0070',
    leadBranch: 'GZ',
  }),
  // No comprehensive limit on 03-31 (LV takes effect 04-02): its credit at nominal, exposure 3,500,000 + margin 2,500,000 added back.
  row({
    rank: 5,
    customerId: 'C-V',
    name: 'Vanguard Logistics',
    comprehensiveLimit: '6000000.00',
    offBalance: '6000000.00',
    outstanding: '6000000.00',
    exposure: '3500000.00',
    ratio: '0.0060',
    leadBranch: 'SZ',
  }),
  // Low-risk: in the limit and the report, no exposure.
  row({
    rank: 6,
    customerId: 'C-W',
    name: 'Wuyi Tea Co., Ltd.',
    comprehensiveLimit: '2000000.00',
    offBalance: '2000000.00',
    outstanding: '2000000.00',
    exposure: '0.00',
    ratio: '0.0020',
    leadBranch: 'HZ',
  }),
  // C-X: expired 02-28, no renewal, nothing outstanding: a real exit, no row.
];

/** The members of the one group row, by customer id, with their credit codes (C-HB has none). */
const MARCH_MEMBERS = [
  { groupId: 'G000001', customerId: 'C-HA', name: 'Huaxia Steel', creditCode: '91310000MA00000025' },
  { groupId: 'G000001', customerId: 'C-HB', name: 'Huaxia Trade', creditCode: null },
  { groupId: 'G000001', customerId: 'C-HP', name: 'Huaxia Holdings', creditCode: '91110000MA0000001L' },
];

describe('large-credit report', () => {
  let book: TestBook;
  let projection: BookProjection;

  beforeAll(async () => {
    book = await buildReportBook();
    projection = new BookProjection(book.store, { today: () => '2025-04-10' });
    await projection.start();
  });

  afterAll(async () => {
    await projection.stop();
    await book.close();
  });

  it('has one row per group client and standalone customer with credit, ranked by comprehensive limit', async () => {
    const report = await projection.largeCreditReport({ asOf: '2025-03-31' });
    expect(report).toEqual({ asOf: '2025-03-31', netCapital: '1000000000.00', unit: 'yuan', rows: MARCH_ROWS, members: MARCH_MEMBERS, filing: null, restated: false });
  });

  it('keeps a customer until it really exits', async () => {
    // 2025-02-15: LX valid to 02-28 counts at its amount; 1,000,000 drawn 01-15 not yet repaid.
    const february = (await projection.largeCreditReport({ asOf: '2025-02-15' })).rows;
    expect(february.find((r) => r.customerId === 'C-X')).toMatchObject({ comprehensiveLimit: '3000000.00', outstanding: '1000000.00' });
    // LK still valid on 02-15: its amount, not its outstanding.
    expect(february.find((r) => r.customerId === 'C-K')?.comprehensiveLimit).toBe('30000000.00');
  });

  it('reports the approved amount once the renewal is decided, and a limit once it is in force', async () => {
    const april = (await projection.largeCreditReport({ asOf: '2025-04-05' })).rows;
    // LHB renewed to 8,000,000 (approved 04-03): 40 + 20 + 8 = 68,000,000, nothing carried forward.
    expect(april[0]).toMatchObject({ groupId: 'G000001', comprehensiveLimit: '68000000.00', carriedForward: false, ratio: '0.0680' });
    // LV in force from 04-02: the limit, 9,000,000, not the credit drawn under it.
    expect(april.find((r) => r.customerId === 'C-V')).toMatchObject({ comprehensiveLimit: '9000000.00', exposure: '3500000.00' });
  });

  it('keeps only rows whose comprehensive limit reaches the threshold, with their ranks', async () => {
    const rows = (await projection.largeCreditReport({ asOf: '2025-03-31', threshold: '50000000' })).rows;
    expect(rows.map((r) => [r.rank, r.groupId ?? r.customerId])).toEqual([
      [1, 'G000001'],
      [2, 'C-M'],
      [3, 'C-N'],
    ]);
    expect((await projection.largeCreditReport({ asOf: '2025-03-31', threshold: '50000000.01' })).rows).toHaveLength(1);
  });

  it('shows amounts and net capital in wan (10,000 yuan), rounded half-up to 2 decimals', async () => {
    const report = await projection.largeCreditReport({ asOf: '2025-03-31', unit: 'wan' });
    // Net capital 1,000,000,000.00 yuan = 100,000.00 wan.
    expect(report.netCapital).toBe('100000.00');
    const [group, minjiang] = report.rows;
    // 65,000,000 / 10,000 = 6,500; 17,000,000 -> 1,700; 6,000,000 -> 600; 23,000,000 -> 2,300; 22,000,000 -> 2,200.
    expect(group).toMatchObject({
      comprehensiveLimit: '6500.00',
      onBalance: '1700.00',
      offBalance: '600.00',
      outstanding: '2300.00',
      exposure: '2200.00',
      ratio: '0.0650',
    });
    expect(minjiang.exposure).toBe('1100.00');
  });

  it('reads the threshold in the unit asked for', async () => {
    const kept = async (threshold: string, unit: 'yuan' | 'wan') =>
      (await projection.largeCreditReport({ asOf: '2025-03-31', threshold, unit })).rows.map((r) => r.groupId ?? r.customerId);
    // 5,000 wan = 50,000,000 yuan: the group's 65,000,000 and the two 50,000,000 limits reach it.
    expect(await kept('5000', 'wan')).toEqual(['G000001', 'C-M', 'C-N']);
    // 5,000.01 wan = 50,000,100 yuan: only the group; in yuan, 5,000 keeps every row (the smallest is 2,000,000).
    expect(await kept('5000.01', 'wan')).toEqual(['G000001']);
    expect(await kept('5000', 'yuan')).toEqual(['G000001', 'C-M', 'C-N', 'C-K', 'C-V', 'C-W']);
    // 600 wan = 6,000,000 yuan: C-V's 6,000,000 reaches it exactly, C-W's 2,000,000 does not.
    expect(await kept('600', 'wan')).toEqual(['G000001', 'C-M', 'C-N', 'C-K', 'C-V']);
  });

  it('has no ratio before any net capital is declared', async () => {
    const report = await projection.largeCreditReport({ asOf: '2024-12-30' });
    expect(report.netCapital).toBeNull();
    expect(report.rows).toEqual([]);
  });

  it('flags a subject in breach on the date', async () => {
    // Net capital 400,000,000 as of 2025-04-30: group cap 60,000,000 < the group's 68,000,000; single-customer
    // cap 40,000,000 < 50,000,000 of C-M and of C-N. The others stay within theirs.
    const events = await book.declareCapital('2025-04-30', '400000000.00', '2025-05-01');
    expect(events.map((e) => e.type)).toEqual(['NetCapitalDeclared', 'CapBreached', 'CapBreached', 'CapBreached']);
    await projection.waitFor(await book.store.headPosition().then((p) => p as bigint), 5_000);
    const may = await projection.largeCreditReport({ asOf: '2025-05-02' });
    expect(may.netCapital).toBe('400000000.00');
    // 68,000,000 / 400,000,000 = 0.17
    expect(may.rows[0]).toMatchObject({ groupId: 'G000001', inBreach: true, ratio: '0.1700' });
    expect(may.rows.filter((r) => r.inBreach).map((r) => r.groupId ?? r.customerId)).toEqual(['G000001', 'C-M', 'C-N']);
    expect((await projection.largeCreditReport({ asOf: '2025-04-05' })).rows[0].inBreach).toBe(false);
  });
});
