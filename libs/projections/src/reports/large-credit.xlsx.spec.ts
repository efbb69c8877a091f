import ExcelJS from 'exceljs';
import { LargeCreditReport, REPORT_COLUMNS, REPORT_HEADERS, ReportRow } from '../large-credit.port';
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
  creditCode: '91440000MA0000003B',
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
  members: [
    { groupId: 'G000001', customerId: 'C-HA', name: 'Huaxia Steel', creditCode: '91310000MA00000025' },
    { groupId: 'G000001', customerId: 'C-HP', name: 'Huaxia Holdings', creditCode: null },
  ],
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
  it('is a workbook with a title, the date and net capital, a Chinese and English header row, and typed cells', async () => {
    const workbook = await readBack(await largeCreditWorkbook(report()));
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Large credit 2025-03-31', 'Group members']);
    const sheet = workbook.worksheets[0];
    expect(sheet.getCell('A1').value).toBe('客户大额授信统计表 Large credit report');
    expect(String(sheet.getCell('A2').value)).toContain('as of 2025-03-31');
    expect(String(sheet.getCell('A2').value)).toContain('资本净额 net capital 1,000,000,000.00 元 yuan');
    expect(sheet.getRow(3).getCell(1).value).toBe('排名\nrank');
    expect(sheet.getRow(3).getCell(REPORT_COLUMNS.indexOf('comprehensiveLimit') + 1).value).toBe('最高综合授信额度\ncomprehensiveLimit');
    expect((sheet.getRow(3).values as unknown[]).slice(1)).toEqual(REPORT_COLUMNS.map((c) => `${REPORT_HEADERS.get(c)?.zh}\n${c}`));

    const group = sheet.getRow(4);
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
    // Flags as the form writes them: 是 (yes) / 否 (no).
    expect(cell(group, 'carriedForward').value).toBe('是');
    expect(cell(group, 'inBreach').value).toBe('否');
    expect(cell(group, 'leadBranch').value).toBe('BJ');

    const kunlun = sheet.getRow(5);
    expect(cell(kunlun, 'customerId').value).toBe('C-K');
    expect(cell(kunlun, 'creditCode').value).toBe('91440000MA0000003B');
    expect(cell(group, 'creditCode').value).toBeNull();
    // Fen survive as the nearest double of the decimal.
    expect(cell(kunlun, 'exposure').value).toBe(7000000.05);
    expect(cell(kunlun, 'leadBranch').value).toBeNull();
    expect(sheet.rowCount).toBe(5);
  });

  it('prints on A4 landscape, fitted to the page width, with the title and header rows on every page', async () => {
    const workbook = await readBack(await largeCreditWorkbook(report()));
    for (const sheet of workbook.worksheets) {
      // paperSize 9 is A4 in SpreadsheetML; fitToHeight 0: as many pages down as needed.
      expect(sheet.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:3' });
      // The title is merged across every column and wraps, so it is never cut at a column edge.
      expect(sheet.getCell('A1').alignment).toMatchObject({ wrapText: true });
      expect(sheet.getCell('A1').isMerged).toBe(true);
    }
  });

  it('lists each group\'s members with their credit codes on a second sheet', async () => {
    const members = (await readBack(await largeCreditWorkbook(report()))).worksheets[1];
    expect(members.getRow(3).values).toEqual([undefined, '集团编号\ngroupId', '成员客户编号\ncustomerId', '成员客户名称\nname', '统一社会信用代码\ncreditCode']);
    expect(members.getRow(4).values).toEqual([undefined, 'G000001', 'C-HA', 'Huaxia Steel', '91310000MA00000025']);
    // A member without a code: an empty cell.
    expect(members.getRow(5).values).toEqual([undefined, 'G000001', 'C-HP', 'Huaxia Holdings']);
  });

  it('formats amounts in wan with 2 decimals and thousands separators, and says so in the subtitle', async () => {
    const wan = { ...GROUP, comprehensiveLimit: '6500.00' };
    const sheet = (await readBack(await largeCreditWorkbook(report({ unit: 'wan', netCapital: '100000.00', rows: [wan] })))).worksheets[0];
    const limit = sheet.getRow(4).getCell(REPORT_COLUMNS.indexOf('comprehensiveLimit') + 1);
    expect(limit.value).toBe(6500);
    expect(limit.numFmt).toBe('#,##0.00');
    expect(String(sheet.getCell('A2').value)).toContain('资本净额 net capital 100,000.00 万元 wan');
    expect(String(sheet.getCell('A2').value)).toContain('amounts in 万元 wan');
  });

  it('adds the current rows and the differences of a restated filing', async () => {
    const restated = report({
      filing: { position: '42', filedAt: '2025-04-01T02:00:00.000Z', filedBy: 'risk-1' },
      restated: true,
      current: { netCapital: '1000000000.00', rows: [{ ...GROUP, exposure: '21000000.00' }] },
      differences: [{ subject: 'group:G000001', field: 'exposure', filed: '22000000.00', current: '21000000.00' }],
    });
    const workbook = await readBack(await largeCreditWorkbook(restated));
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Large credit 2025-03-31', 'Current 2025-03-31', 'Group members', 'Differences']);
    expect(String(workbook.worksheets[0].getCell('A2').value)).toContain('RESTATED');
    expect(workbook.worksheets[3].getRow(2).values).toEqual([undefined, 'group:G000001', 'exposure', '22000000.00', '21000000.00']);
  });
});
