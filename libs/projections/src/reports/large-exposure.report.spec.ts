import { BookProjection } from '../projection/book.projection';
import { TestBook } from '../testing/test-book';
import { buildG14Book } from '../testing/g14-scenario';
import { g14Rows } from './large-exposure.rows';

const row = (r: { rank: number; subjectType: string; subjectId: string; members: string[]; exposureBeforeMitigation: string; exposureAfterMitigation: string; ratio: string; interbank: boolean; exempt: boolean; inBreach: boolean }) =>
  [r.rank, r.subjectType, r.subjectId, r.members.join(','), r.exposureBeforeMitigation, r.exposureAfterMitigation, r.ratio, r.interbank, r.exempt, r.inBreach];

describe('the G14 large-exposure report (domain.md section 8)', () => {
  let book: TestBook;
  let projection: BookProjection;
  beforeAll(async () => {
    book = await buildG14Book();
    projection = new BookProjection(book.store, { today: () => '2025-03-31' });
    await projection.start();
  });
  afterAll(async () => {
    await projection.stop();
    await book.close();
  });

  it('given the book of testing/g14-scenario.ts, lists every client and connected group reaching 2.5% of tier-1, ranked by exposure, in wan', async () => {
    const report = await projection.largeExposureReport({ asOf: '2025-03-31' });
    // Tier-1 400,000,000.00 yuan = 40,000.00 wan; threshold 10,000,000.00 yuan = 1,000.00 wan.
    expect([report.unit, report.tier1NetCapital, report.threshold, report.largeExposureRatio, report.reason]).toEqual(['wan', '40000.00', '1000.00', '0.025', null]);
    expect(report.rows.map(row)).toEqual([
      // F 90,000,000 / 400,000,000 = 0.2250: interbank, under its 25% cap.
      [1, 'customer', 'F', 'F', '9000.00', '9000.00', '0.2250', true, false, false],
      // A + B: 50,000,000 + 40,000,000 before, 50,000,000 + 30,000,000 = 80,000,000 after: 0.2000, at its cap, not over.
      [2, 'connected-group', 'A', 'A,B', '9000.00', '8000.00', '0.2000', false, false, false],
      // A alone: 50,000,000 = 0.1250.
      [3, 'customer', 'A', 'A', '5000.00', '5000.00', '0.1250', false, false, false],
      // B and S tie at 30,000,000 (0.0750): by id. S, a sovereign, is exempt.
      [4, 'customer', 'B', 'B', '4000.00', '3000.00', '0.0750', false, false, false],
      [5, 'customer', 'S', 'S', '3000.00', '3000.00', '0.0750', false, true, false],
      // E 10,000,050.00 yuan = 1,000.005 wan, half up 1,000.01; 10,000,050 / 400,000,000 = 0.025000125 -> 0.0250. M (500 wan) is not listed.
      [6, 'customer', 'E', 'E', '1000.01', '1000.01', '0.0250', false, false, false],
    ]);
    expect(report.rows[1]).toMatchObject({ name: 'Anhe Steel', memberCount: 2, creditCodes: ['91110000MA0000001L'] });
    expect([report.filing, report.restated]).toEqual([null, false]);
  });

  it('gives yuan exactly on request', async () => {
    const e = (await projection.largeExposureReport({ asOf: '2025-03-31', unit: 'yuan' })).rows.find((r) => r.subjectId === 'E');
    expect(e?.exposureAfterMitigation).toBe('10000050.00');
  });

  it('has no rows before credit was drawn, and says why before any tier-1 net capital was in force', async () => {
    expect((await projection.largeExposureReport({ asOf: '2025-01-05' })).rows).toEqual([]);
    expect((await projection.largeExposureReport({ asOf: '2025-01-05' })).reason).toBeNull();
    // The declaration applies from 2025-01-01: on 2024-12-31 nothing is in force.
    expect(await projection.largeExposureReport({ asOf: '2024-12-31' })).toMatchObject({ tier1NetCapital: null, threshold: null, reason: 'TIER1_NET_CAPITAL_NOT_DECLARED', rows: [] });
  });
});

describe('the G14 rows of the read side and of the write model', () => {
  // The G14 book, then: the economic dependence removed from 03-01, B's acceptance partly repaid on 02-15 (recorded
  // after the removal, back-dated), and F's placement repaid in full on 03-20.
  it.each(['2025-01-10', '2025-02-14', '2025-02-15', '2025-02-28', '2025-03-01', '2025-03-20', '2025-03-31'])('agree on %s', async (date) => {
    const book = await buildG14Book();
    await book.run({ type: 'RemoveRelation', relationId: 'R-AB' }, '2025-03-01');
    await book.repay('DB', '12000000.00', '2025-02-15');
    await book.repay('DF', '90000000.00', '2025-03-20');
    const projection = new BookProjection(book.store, { today: () => '2025-03-31' });
    await projection.start();
    try {
      const { asOf: _asOf, ...read } = await projection.largeExposureReportForFiling(date);
      expect(read).toEqual(g14Rows(book.state, date));
    } finally {
      await projection.stop();
      await book.close();
    }
  });
});
