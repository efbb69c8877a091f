import { BookProjection } from '../projection/book.projection';
import { fileLargeCreditReportCommand } from './large-credit.filing';
import { buildReportBook } from '../testing/report-scenario';
import { RISK, TestBook } from '../testing/test-book';

/**
 * A filed report is frozen; a later read of the same date that differs is a restatement (domain.md section 5).
 * Filings go through the domain's FileLargeCreditReport command with the rows the projection computes, as the API does.
 */
describe('filed large-credit reports', () => {
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

  async function caughtUp(): Promise<void> {
    expect(await projection.waitFor((await book.store.headPosition()) as bigint, 5_000)).toBe(true);
  }

  it('answers the filed rows, not restated while the log agrees', async () => {
    const filable = await projection.largeCreditReportForFiling('2025-03-31');
    await book.run(fileLargeCreditReportCommand(filable), '2025-04-01', RISK);
    const position = (await book.store.headPosition()) as bigint;
    await caughtUp();
    const report = await projection.largeCreditReport({ asOf: '2025-03-31' });
    expect(report.filing).toEqual({ position: position.toString(), filedAt: expect.any(String), filedBy: 'risk-1' });
    expect(report.restated).toBe(false);
    // The filed rows, each with the credit code of its standalone customer (C-M's; the others have none).
    expect(report.rows).toEqual(filable.rows.map((row) => ({ ...row, creditCode: row.customerId === 'C-M' ? '91440000MA0000003B' : null })));
    expect(report.current).toBeUndefined();
  });

  it('says restated, with the current rows and each difference, after a back-dated correction', async () => {
    // DM2 (loan 5,000,000 of C-M) repaid with effective date 2025-03-25, recorded after the filing.
    await book.repay('DM2', '5000000', '2025-03-25');
    await caughtUp();
    const report = await projection.largeCreditReport({ asOf: '2025-03-31' });
    expect(report.restated).toBe(true);
    // The filed figures stand: C-M on-balance 5,000,000, outstanding 15,000,000, exposure 11,000,000.
    expect(report.rows[1]).toMatchObject({ customerId: 'C-M', onBalance: '5000000.00', outstanding: '15000000.00', exposure: '11000000.00' });
    // Now: on-balance 0, outstanding 10,000,000 (the acceptance), exposure 10,000,000 - 4,000,000 margin = 6,000,000.
    expect(report.current?.rows[1]).toMatchObject({ customerId: 'C-M', onBalance: '0.00', outstanding: '10000000.00', exposure: '6000000.00' });
    expect(report.differences).toEqual([
      { subject: 'customer:C-M', field: 'onBalance', filed: '5000000.00', current: '0.00' },
      { subject: 'customer:C-M', field: 'outstanding', filed: '15000000.00', current: '10000000.00' },
      { subject: 'customer:C-M', field: 'exposure', filed: '11000000.00', current: '6000000.00' },
    ]);
  });

  it('presents filed and current rows in the unit and threshold asked for', async () => {
    // 5,000 wan = 50,000,000 yuan: the group (6,500 wan), C-M and C-N (5,000 wan each).
    const report = await projection.largeCreditReport({ asOf: '2025-03-31', unit: 'wan', threshold: '5000' });
    expect(report.rows.map((r) => r.comprehensiveLimit)).toEqual(['6500.00', '5000.00', '5000.00']);
    expect(report.current?.rows[1].outstanding).toBe('1000.00');
    expect(report.restated).toBe(true);
  });

  it('refuses a second filing of the same date', async () => {
    const again = fileLargeCreditReportCommand(await projection.largeCreditReportForFiling('2025-03-31'));
    await expect(book.run(again, '2025-04-02', RISK)).rejects.toThrow(/REPORT_ALREADY_FILED/);
  });

  it('keeps the first filing of a date even if the log held a second one', async () => {
    const first = (await projection.largeCreditReport({ asOf: '2025-03-31' })).filing;
    await book.append([{ type: 'LargeCreditReportFiled', data: { asOf: '2025-03-31', netCapital: '1.00', rows: [] } }], '2025-04-02', RISK);
    await caughtUp();
    expect((await projection.largeCreditReport({ asOf: '2025-03-31' })).filing).toEqual(first);
  });

  it('leaves other dates unfiled', async () => {
    expect(await projection.largeCreditReport({ asOf: '2025-03-30' })).toMatchObject({ filing: null, restated: false });
  });

  it('has nothing to file before any net capital is in force', async () => {
    expect(fileLargeCreditReportCommand(await projection.largeCreditReportForFiling('2024-12-30')).report.netCapital).toBeNull();
  });
});
