import { BookProjection } from '../projection/book.projection';
import { fileLargeExposureReportCommand } from './large-exposure.filing';
import { buildG14Book } from '../testing/g14-scenario';
import { RISK, TestBook } from '../testing/test-book';

/**
 * A filed G14 report is frozen; a later read of the same date that differs is a restatement (domain.md section 8,
 * filed as the large-credit report, section 5). The book and its figures: testing/g14-scenario.ts.
 */
describe('filed G14 reports', () => {
  let book: TestBook;
  let projection: BookProjection;

  beforeAll(async () => {
    book = await buildG14Book();
    projection = new BookProjection(book.store, { today: () => '2025-04-10' });
    await projection.start();
  });
  afterAll(async () => {
    await projection.stop();
    await book.close();
  });

  async function caughtUp(): Promise<void> {
    expect(await projection.waitFor((await book.store.headPosition()) as bigint, 5_000)).toBe(true);
  }

  it('answers the filed rows, not restated while the log agrees', async () => {
    const filable = await projection.largeExposureReportForFiling('2025-03-31');
    await book.run(fileLargeExposureReportCommand(filable), '2025-04-01', RISK);
    const position = (await book.store.headPosition()) as bigint;
    await caughtUp();
    const report = await projection.largeExposureReport({ asOf: '2025-03-31', unit: 'yuan' });
    expect(report.filing).toEqual({ position: position.toString(), filedAt: expect.any(String), filedBy: 'risk-1' });
    expect([report.restated, report.current, report.tier1NetCapital, report.threshold]).toEqual([false, undefined, '400000000.00', '10000000.00']);
    expect(report.rows).toEqual(filable.rows);
  });

  it('says restated, with the current rows and each difference, after a back-dated repayment', async () => {
    // B's acceptance DB (40,000,000.00, margin 10,000,000.00) repaid by 25,000,000.00 as of 03-25, recorded after the
    // filing: 15,000,000.00 outstanding (x CCF 1.00), the margin covers 10,000,000.00 of it, so B's exposure is
    // 5,000,000.00 after mitigation (below the 10,000,000.00 threshold: B leaves the report), and A + B's is
    // 50,000,000.00 + 5,000,000.00 = 55,000,000.00 (before: 50,000,000.00 + 15,000,000.00 = 65,000,000.00), 0.1375
    // of tier-1: still second, ahead of A alone (50,000,000.00).
    await book.repay('DB', '25000000.00', '2025-03-25');
    await caughtUp();
    const report = await projection.largeExposureReport({ asOf: '2025-03-31' });
    expect(report.restated).toBe(true);
    // The filed figures stand, in wan: A + B 8,000.00 after mitigation.
    expect(report.rows[1]).toMatchObject({ subjectId: 'A', subjectType: 'connected-group', exposureAfterMitigation: '8000.00' });
    expect(report.current?.rows.map((r) => [r.rank, r.subjectType, r.subjectId, r.exposureBeforeMitigation, r.exposureAfterMitigation, r.ratio])).toEqual([
      [1, 'customer', 'F', '9000.00', '9000.00', '0.2250'],
      [2, 'connected-group', 'A', '6500.00', '5500.00', '0.1375'],
      [3, 'customer', 'A', '5000.00', '5000.00', '0.1250'],
      [4, 'customer', 'S', '3000.00', '3000.00', '0.0750'],
      [5, 'customer', 'E', '1000.01', '1000.01', '0.0250'],
    ]);
    // Compared in yuan: A + B's figures, B gone, S and E one rank up.
    expect(report.differences).toEqual([
      { subject: 'connected-group:A', field: 'exposureBeforeMitigation', filed: '90000000.00', current: '65000000.00' },
      { subject: 'connected-group:A', field: 'exposureAfterMitigation', filed: '80000000.00', current: '55000000.00' },
      { subject: 'connected-group:A', field: 'ratio', filed: '0.2000', current: '0.1375' },
      { subject: 'customer:B', field: 'row', filed: 'present', current: 'absent' },
      { subject: 'customer:S', field: 'rank', filed: 5, current: 4 },
      { subject: 'customer:E', field: 'rank', filed: 6, current: 5 },
    ]);
  });

  it('refuses a second filing of the date, and a date without tier-1 net capital', async () => {
    await expect(book.run(fileLargeExposureReportCommand(await projection.largeExposureReportForFiling('2025-03-31')), '2025-04-10', RISK)).rejects.toThrow(/REPORT_ALREADY_FILED/);
    await expect(book.run(fileLargeExposureReportCommand(await projection.largeExposureReportForFiling('2024-12-31')), '2025-04-10', RISK)).rejects.toThrow(/TIER1_NET_CAPITAL_NOT_DECLARED/);
  });
});
