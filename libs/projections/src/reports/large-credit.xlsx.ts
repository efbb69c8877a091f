import ExcelJS from 'exceljs';
import {
  LargeCreditReport,
  MEMBER_COLUMNS,
  MEMBER_HEADERS,
  MONEY_COLUMNS,
  REPORT_COLUMNS,
  REPORT_HEADERS,
  ReportDifference,
  ReportMember,
  ReportRow,
  ReportUnit,
} from '../large-credit.port';

/** Thousands separators, 2 decimals: yuan are exact to the fen, wan are rounded to 2 decimals (domain.md section 5). */
export const MONEY_FORMAT = '#,##0.00';
export const RATIO_FORMAT = '0.0000';

const UNIT_NAMES: Record<ReportUnit, string> = { yuan: '元 yuan', wan: '万元 wan (10,000 yuan)' };

/** Column widths in characters, chosen so the 16 columns fit an A4 landscape page at a readable scale. */
const WIDTHS: Partial<Record<keyof ReportRow, number>> = {
  rank: 6,
  subjectType: 12,
  groupId: 10,
  customerId: 10,
  name: 26,
  creditCode: 21,
  memberCount: 12,
  ratio: 13,
  carriedForward: 14,
  leadBranch: 10,
  inBreach: 8,
};
const MONEY_WIDTH = 15;

/** carriedForward and inBreach in the xlsx: 是 (yes) / 否 (no), as on the form. */
export const FLAG_TEXT = { yes: '是', no: '否' } as const;

const THIN = { style: 'thin' } as const;
const BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const FONT = { size: 9 };

/**
 * How every sheet prints: A4 landscape, scaled to fit the page width (as many pages down as needed), the title
 * and header rows repeated on each page, page numbers in the footer, centred horizontally.
 */
function printSetup(sheet: ExcelJS.Worksheet, repeatRows: string): void {
  sheet.pageSetup = {
    paperSize: 9,
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    printTitlesRow: repeatRows,
    margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.6, header: 0.3, footer: 0.3 },
  };
  sheet.headerFooter = { oddFooter: '&C第 &P 页，共 &N 页 / page &P of &N' };
}

/** Title rows merged across the sheet's width, wrapped, tall enough to show whole. */
function addTitle(sheet: ExcelJS.Worksheet, width: number, title: string, subtitle: string): void {
  sheet.addRow([title]);
  sheet.mergeCells(1, 1, 1, width);
  const titleRow = sheet.getRow(1);
  titleRow.height = 24;
  titleRow.getCell(1).font = { ...FONT, size: 14, bold: true };
  titleRow.getCell(1).alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  sheet.addRow([subtitle]);
  sheet.mergeCells(2, 1, 2, width);
  const subtitleRow = sheet.getRow(2);
  subtitleRow.height = 30;
  subtitleRow.getCell(1).font = { ...FONT, size: 9 };
  subtitleRow.getCell(1).alignment = { horizontal: 'left', vertical: 'middle', wrapText: true };
}

/** The header row: each cell the form's Chinese name over the English (JSON) name, wrapped and bordered. */
function addHeader(sheet: ExcelJS.Worksheet, labels: readonly { zh: string; en: string }[]): void {
  const header = sheet.addRow(labels.map(({ zh, en }) => `${zh}\n${en}`));
  header.height = 40;
  header.eachCell((cell) => {
    cell.font = { ...FONT, bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF4' } };
    cell.border = BORDER;
  });
}

function styleBody(row: ExcelJS.Row, width: number): void {
  for (let column = 1; column <= width; column++) {
    const cell = row.getCell(column);
    cell.font = FONT;
    cell.border = BORDER;
    const flag = cell.value === FLAG_TEXT.yes || cell.value === FLAG_TEXT.no;
    cell.alignment = { vertical: 'middle', horizontal: flag ? 'center' : undefined, wrapText: typeof cell.value === 'string' };
  }
}

function cellValue(row: ReportRow, column: keyof ReportRow): ExcelJS.CellValue {
  const value = row[column];
  if (value === null) return null;
  // Excel holds numbers as doubles: 2 decimals of amounts below 10^13 yuan survive the trip exactly as shown.
  if ((MONEY_COLUMNS as readonly string[]).includes(column) || column === 'ratio') return Number(value);
  // Flags as the form writes them: spreadsheet booleans print as TRUE/FALSE, or as 1/0 under some styles.
  if (typeof value === 'boolean') return value ? FLAG_TEXT.yes : FLAG_TEXT.no;
  return value;
}

/**
 * Title row, a subtitle with the date, net capital, unit and filing, the header row, then one typed row per
 * subject: amounts and ratios are number cells (thousands separators), flags 是/否.
 */
function addReportSheet(workbook: ExcelJS.Workbook, name: string, subtitle: string, rows: readonly ReportRow[]): void {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 3 }] });
  addTitle(sheet, REPORT_COLUMNS.length, '客户大额授信统计表 Large credit report', subtitle);
  addHeader(sheet, REPORT_COLUMNS.map((column) => REPORT_HEADERS.get(column) as { zh: string; en: string }));
  for (const row of rows) styleBody(sheet.addRow(REPORT_COLUMNS.map((column) => cellValue(row, column))), REPORT_COLUMNS.length);
  REPORT_COLUMNS.forEach((column, index) => {
    const sheetColumn = sheet.getColumn(index + 1);
    const money = (MONEY_COLUMNS as readonly string[]).includes(column);
    sheetColumn.width = money ? MONEY_WIDTH : (WIDTHS[column] ?? 12);
    if (money) sheetColumn.numFmt = MONEY_FORMAT;
    if (column === 'ratio') sheetColumn.numFmt = RATIO_FORMAT;
  });
  printSetup(sheet, '1:3');
}

/** Each group's members with their credit codes, printed like the report. */
function addMembersSheet(workbook: ExcelJS.Workbook, asOf: string, members: readonly ReportMember[]): void {
  const sheet = workbook.addWorksheet('Group members', { views: [{ state: 'frozen', ySplit: 3 }] });
  addTitle(sheet, MEMBER_COLUMNS.length, '集团客户成员名单 Group client members', `报表日期 As of ${asOf}; 每个集团客户的成员及其统一社会信用代码 every group's members and their credit codes`);
  addHeader(sheet, MEMBER_COLUMNS.map((column) => MEMBER_HEADERS.get(column) as { zh: string; en: string }));
  for (const member of members) styleBody(sheet.addRow(MEMBER_COLUMNS.map((column) => member[column])), MEMBER_COLUMNS.length);
  [12, 14, 40, 24].forEach((width, index) => (sheet.getColumn(index + 1).width = width));
  printSetup(sheet, '1:3');
}

function addDifferencesSheet(workbook: ExcelJS.Workbook, differences: readonly ReportDifference[]): void {
  const sheet = workbook.addWorksheet('Differences');
  sheet.addRow(['subject', 'field', 'filed', 'current']).font = { bold: true };
  for (const d of differences) sheet.addRow([d.subject, d.field, d.filed, d.current]);
  printSetup(sheet, '1:1');
}

function capitalOf(netCapital: string | null, unit: ReportUnit): string {
  if (netCapital === null) return '资本净额未申报 no net capital declared';
  const [whole, fraction] = netCapital.split('.');
  return `资本净额 net capital ${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${fraction} ${UNIT_NAMES[unit]}`;
}

/** The subtitle: report date, net capital, unit, and the filing (and restatement) when filed. */
export function subtitleOf(report: Pick<LargeCreditReport, 'asOf' | 'netCapital' | 'unit' | 'filing' | 'restated'>): string {
  const filing = report.filing
    ? `; 已报送 filed ${report.filing.filedAt} by ${report.filing.filedBy}${report.restated ? '; 已重述 RESTATED since filing: see the Current sheet' : ''}`
    : '';
  return `报表日期 as of ${report.asOf}; ${capitalOf(report.netCapital, report.unit)}; 金额单位 amounts in ${UNIT_NAMES[report.unit]}${filing}`;
}

/**
 * The report as an Excel workbook a regulator can print as it is: the report sheet, then the groups' members; a
 * restated filing adds the current rows and the differences.
 */
export async function largeCreditWorkbook(report: LargeCreditReport): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'groupcap';
  addReportSheet(workbook, `Large credit ${report.asOf}`, subtitleOf(report), report.rows);
  if (report.restated && report.current) {
    const current = { ...report, netCapital: report.current.netCapital, filing: null, restated: false };
    addReportSheet(workbook, `Current ${report.asOf}`, `现行数据 as the log says now; ${subtitleOf(current)}`, report.current.rows);
  }
  addMembersSheet(workbook, report.asOf, report.members);
  if (report.restated && report.current) addDifferencesSheet(workbook, report.differences ?? []);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
