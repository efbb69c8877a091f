import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { ReportRow } from '@groupcap/projections';
import { openSqliteEventStore } from '@groupcap/event-store';
import { bookEvents, dataDirWithReportBook, g14BookIn } from '../testing/report-book';
import { cli } from '../testing/test-shell';

/** The report book's figures are worked out by hand in libs/projections/src/reports/large-credit.report.spec.ts. */
describe('report: the large-credit report from the log alone', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    dir = await dataDirWithReportBook();
    env = { DATA_DIR: dir, BUSINESS_DATE: '2025-04-10' };
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const rowsOf = (out: string) => (JSON.parse(out) as { rows: ReportRow[] }).rows;

  it('answers as of a past date from a scratch projection: no read models needed', async () => {
    const { code, out, err } = await cli(env, 'report', '--as-of', '2025-03-31');
    expect(code).toBe(0);
    const report = JSON.parse(out);
    expect(report).toMatchObject({ asOf: '2025-03-31', netCapital: '1000000000.00', unit: 'yuan', filing: null, restated: false });
    // Huaxia: 40,000,000 + 20,000,000 + 5,000,000 carried forward (LHB expired 03-15, renewal pending).
    expect(report.rows.map((r: ReportRow) => [r.rank, r.groupId ?? r.customerId, r.comprehensiveLimit, r.carriedForward])).toEqual([
      [1, 'G000001', '65000000.00', true],
      [2, 'C-M', '50000000.00', false],
      [3, 'C-N', '50000000.00', false],
      [4, 'C-K', '7000000.00', false],
      [5, 'C-V', '6000000.00', false],
      [6, 'C-W', '2000000.00', false],
    ]);
    expect(err).toMatch(/^large-credit report as of 2025-03-31 from the log up to position \d+: 6 rows$/m);
  });

  it('stops the log at --to-position: before the back-dated drawdown DV1 was recorded, C-V had nothing on 03-31', async () => {
    const store = openSqliteEventStore(dir);
    const log = await bookEvents(store);
    await store.close();
    // LV is granted effective 04-02; DV1 (back-dated to 03-20) is recorded right after it.
    const lvGranted = log.find((e) => e.type === 'LimitGranted' && (e.data as { limitId: string }).limitId === 'LV')!;
    const { code, out, err } = await cli(env, 'report', '--as-of', '2025-03-31', '--to-position', lvGranted.position.toString());
    expect(code).toBe(0);
    expect(rowsOf(out).map((r) => r.groupId ?? r.customerId)).toEqual(['G000001', 'C-M', 'C-N', 'C-K', 'C-W']);
    expect(err).toContain(`from the log up to position ${lvGranted.position}: 5 rows`);
  });

  it('writes csv (with a BOM, for spreadsheets) and xlsx to a file, in wan on request', async () => {
    const csv = await cli(env, 'report', '--as-of', '2025-03-31', '--format', 'csv', '--unit', 'wan', '--threshold', '5000');
    expect(csv.code).toBe(0);
    const lines = csv.out.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toMatch(/^排名 rank,客户类型 subjectType,集团编号 groupId,客户编号 customerId,客户名称 name,统一社会信用代码 creditCode,成员户数 memberCount,/);
    // Only rows reaching 5,000 wan (50,000,000 yuan); 65,000,000 yuan = 6,500 wan.
    expect(lines[1]).toMatch(/^1,group,G000001,,Huaxia Holdings,,3,6500\.00,/);
    expect(lines.filter((l) => l !== '')).toHaveLength(4);

    const file = join(dir, 'large-credit.xlsx');
    const xlsx = await cli(env, 'report', '--as-of', '2025-03-31', '--format', 'xlsx', '--out', file);
    expect(xlsx).toMatchObject({ code: 0, out: '' });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(readFileSync(file) as never);
    const sheet = workbook.worksheets[0];
    // Title, subtitle and header above the rows; comprehensiveLimit is column 8, after creditCode.
    expect(sheet.getRow(4).getCell(3).value).toBe('G000001');
    expect(sheet.getRow(4).getCell(8).value).toBe(65000000);
  });

  it('refuses a date that does not exist and an unknown format before reading anything', async () => {
    const date = await cli(env, 'report', '--as-of', '2025-02-30');
    expect(date.code).toBe(2);
    expect(date.err).toContain("option '--as-of <date>' argument '2025-02-30' is invalid. expected a calendar date YYYY-MM-DD.");
    const format = await cli(env, 'report', '--as-of', '2025-03-31', '--format', 'pdf');
    expect(format.code).toBe(2);
    expect(format.err).toContain('Allowed choices are json, csv, xlsx.');
    expect((await cli(env, 'report')).err).toContain("required option '--as-of <date>' not specified");
  });
});

/** The G14 book's figures are worked out by hand in libs/projections/src/testing/g14-scenario.ts. */
describe('report --regime nfra-2018: the G14 large-exposure report from the log alone', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    dir = await dataDirWithReportBook(g14BookIn);
    env = { DATA_DIR: dir, BUSINESS_DATE: '2025-04-10' };
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('answers in wan by default, ranked by 2018 exposure', async () => {
    const { code, out, err } = await cli(env, 'report', '--regime', 'nfra-2018', '--as-of', '2025-03-31');
    expect(code).toBe(0);
    const report = JSON.parse(out);
    // Tier-1 400,000,000.00 = 40,000.00 wan; the threshold 2.5% of it = 1,000.00 wan.
    expect(report).toMatchObject({ asOf: '2025-03-31', unit: 'wan', tier1NetCapital: '40000.00', threshold: '1000.00', reason: null });
    expect(report.rows.map((r: { subjectId: string; exposureAfterMitigation: string }) => [r.subjectId, r.exposureAfterMitigation])).toEqual([
      ['F', '9000.00'],
      ['A', '8000.00'],
      ['A', '5000.00'],
      ['B', '3000.00'],
      ['S', '3000.00'],
      ['E', '1000.01'],
    ]);
    expect(err).toMatch(/^G14 large-exposure report as of 2025-03-31 from the log up to position \d+: 6 rows$/m);
  });

  it('writes csv under the G14 headers, and says why a date before tier-1 was declared has no rows', async () => {
    const csv = await cli(env, 'report', '--regime', 'nfra-2018', '--as-of', '2025-03-31', '--format', 'csv', '--unit', 'yuan');
    expect(csv.code).toBe(0);
    const lines = csv.out.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toMatch(/^排名 rank,客户类型 subjectType,客户编号 subjectId,客户名称 name,同业客户 interbank,/);
    expect(lines[2]).toBe('2,connected-group,A,Anhe Steel,false,2,A;B,91110000MA0000001L,90000000.00,80000000.00,0.2000,false,false,current,false,2025-03-31,yuan');
    const before = await cli(env, 'report', '--regime', 'nfra-2018', '--as-of', '2024-12-31');
    expect(before.code).toBe(0);
    expect(before.err).toContain('0 rows (TIER1_NET_CAPITAL_NOT_DECLARED: the 2018 measures are not checked)');
  });

  it('refuses the large-credit threshold and an unknown regime', async () => {
    const threshold = await cli(env, 'report', '--regime', 'nfra-2018', '--as-of', '2025-03-31', '--threshold', '5000');
    expect(threshold.code).toBe(2);
    expect(threshold.err).toContain('--threshold is the large-credit report');
    const regime = await cli(env, 'report', '--regime', 'basel-3', '--as-of', '2025-03-31');
    expect(regime.code).toBe(2);
    expect(regime.err).toContain('Allowed choices are cbrc-2010, nfra-2018.');
  });
});
