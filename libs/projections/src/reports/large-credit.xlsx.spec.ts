import ExcelJS from 'exceljs';
import { LargeCreditReport, REPORT_COLUMNS, ReportRow } from '../large-credit.port';
import { largeCreditWorkbook } from './large-credit.xlsx';
import { HUAXIA_ROW } from '../testing/report-rows';

const GROUP = HUAXIA_ROW;
const KUNLUN: ReportRow = {
  ...GROUP,
  rank: 2,
  subjectType: 'customer',
  groupId: null,
  customerId: 'C-K',
  name: 'Kunlun Tech',
  memberCount: 1,
  comprehensiveLimit: '7000000.05',
  onBalance: '7000000.05',
  offBalance: '0.00',
  outstanding: '7000000.05',
  exposure: '7000000.05',
  ratio: '0.0070',
  carriedForward: false,
  leadBranch: null,
};

const report = (fields: Partial<LargeCreditReport> = {}): LargeCreditReport => ({
  asOf: '2025-03-31',
  netCapital: '1000000000.00',
  unit: 'yuan',
  rows: [GROUP, KUNLUN],
  filing: null,
  restated: false,
  ...fields,
});

async function readBack(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  return workbook;
}

describe('largeCreditWorkbook', () => {
  it('is a workbook with the date, a header row and typed cells', async () => {
    const workbook = await readBack(await largeCreditWorkbook(report()));
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Large credit 2025-03-31']);
    const sheet = workbook.worksheets[0];
    expect(String(sheet.getCell('A1').value)).toContain('as of 2025-03-31');
    expect(String(sheet.getCell('A1').value)).toContain('net capital 1000000000.00 yuan');
    expect(sheet.getRow(2).values).toEqual([undefined, ...REPORT_COLUMNS]);

    const group = sheet.getRow(3);
    const cell = (row: ExcelJS.Row, column: keyof ReportRow) => row.getCell(REPORT_COLUMNS.indexOf(column) + 1);
    expect(cell(group, 'rank').value).toBe(1);
    expect(cell(group, 'subjectType').value).toBe('group');
    expect(cell(group, 'groupId').value).toBe('G000001');
    expect(cell(group, 'customerId').value).toBeNull();
    expect(cell(group, 'memberCount').value).toBe(3);
    expect(cell(group, 'comprehensiveLimit').value).toBe(65000000);
    expect(cell(group, 'comprehensiveLimit').type).toBe(ExcelJS.ValueType.Number);
    expect(cell(group, 'comprehensiveLimit').numFmt).toBe('#,##0.00');
    expect(cell(group, 'onBalance').value).toBe(17000000);
    expect(cell(group, 'offBalance').value).toBe(6000000);
    expect(cell(group, 'ratio').value).toBe(0.065);
    expect(cell(group, 'ratio').numFmt).toBe('0.0000');
    expect(cell(group, 'carriedForward').value).toBe(true);
    expect(cell(group, 'carriedForward').type).toBe(ExcelJS.ValueType.Boolean);
    expect(cell(group, 'inBreach').value).toBe(false);
    expect(cell(group, 'leadBranch').value).toBe('BJ');

    const kunlun = sheet.getRow(4);
    expect(cell(kunlun, 'customerId').value).toBe('C-K');
    // Fen survive as the nearest double of the decimal.
    expect(cell(kunlun, 'exposure').value).toBe(7000000.05);
    expect(cell(kunlun, 'leadBranch').value).toBeNull();
    expect(sheet.rowCount).toBe(4);
  });

  it('formats amounts in wan with 6 decimals', async () => {
    const wan = { ...GROUP, comprehensiveLimit: '6500.000000' };
    const sheet = (await readBack(await largeCreditWorkbook(report({ unit: 'wan', rows: [wan] })))).worksheets[0];
    const limit = sheet.getRow(3).getCell(REPORT_COLUMNS.indexOf('comprehensiveLimit') + 1);
    expect(limit.value).toBe(6500);
    expect(limit.numFmt).toBe('#,##0.000000');
    expect(String(sheet.getCell('A1').value)).toContain('amounts in wan');
  });

  it('adds the current rows and the differences of a restated filing', async () => {
    const restated = report({
      filing: { position: '42', filedAt: '2025-04-01T02:00:00.000Z', filedBy: 'risk-1' },
      restated: true,
      current: { netCapital: '1000000000.00', rows: [{ ...GROUP, exposure: '21000000.00' }] },
      differences: [{ subject: 'group:G000001', field: 'exposure', filed: '22000000.00', current: '21000000.00' }],
    });
    const workbook = await readBack(await largeCreditWorkbook(restated));
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Large credit 2025-03-31', 'Current 2025-03-31', 'Differences']);
    expect(String(workbook.worksheets[0].getCell('A1').value)).toContain('RESTATED');
    expect(workbook.worksheets[2].getRow(2).values).toEqual([undefined, 'group:G000001', 'exposure', '22000000.00', '21000000.00']);
  });
});
