import type ExcelJS from 'exceljs';
import type { ReportUnit } from '../large-credit.port';

/**
 * A new workbook. exceljs is loaded on the first download, not with the server: its modules took 0.25-0.5 s of a
 * restart's module loading (restart_s), and most processes never write a workbook.
 */
export async function newWorkbook(): Promise<ExcelJS.Workbook> {
  const { default: excel } = await import('exceljs');
  const workbook = new excel.Workbook();
  workbook.creator = 'groupcap';
  return workbook;
}

/**
 * The regulator reports' Excel sheets (large-credit and large-exposure alike): a title, a subtitle, a header row
 * with each column's form name in Chinese over its English (JSON) name, typed body cells, and a print setup a
 * regulator can print as it is.
 */

/** Thousands separators, 2 decimals: yuan are exact to the fen, wan are rounded to 2 decimals (domain.md section 5). */
export const MONEY_FORMAT = '#,##0.00';
export const RATIO_FORMAT = '0.0000';

/** How subtitles name the unit of every amount. */
export const UNIT_NAMES: Record<ReportUnit, string> = { yuan: '元 yuan', wan: '万元 wan (10,000 yuan)' };

/** Flags in the xlsx: 是 (yes) / 否 (no), as on the forms. */
export const FLAG_TEXT = { yes: '是', no: '否' } as const;

const MONEY_WIDTH = 15;
const THIN = { style: 'thin' } as const;
const BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const FONT = { size: 9 };

/** One column of a report sheet: which field, its headers, how its cells are typed, and its width in characters. */
export interface SheetColumn {
  key: string;
  zh: string;
  en: string;
  /** money and ratio: number cells with their format; the others as the value is (booleans as 是/否). */
  kind: 'money' | 'ratio' | 'other';
  width?: number;
}

/**
 * How every sheet prints: A4 landscape, scaled to fit the page width (as many pages down as needed), the title
 * and header rows repeated on each page, page numbers in the footer, centred horizontally.
 */
export function printSetup(sheet: ExcelJS.Worksheet, repeatRows: string): void {
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

function cellValue(row: object, column: SheetColumn): ExcelJS.CellValue {
  const value = (row as Record<string, unknown>)[column.key];
  if (value === null || value === undefined) return null;
  // Excel holds numbers as doubles: 2 decimals of amounts below 10^13 yuan survive the trip exactly as shown.
  if (column.kind !== 'other') return Number(value);
  // Flags as the form writes them: spreadsheet booleans print as TRUE/FALSE, or as 1/0 under some styles.
  if (typeof value === 'boolean') return value ? FLAG_TEXT.yes : FLAG_TEXT.no;
  return value as ExcelJS.CellValue;
}

/**
 * Title row, subtitle, the header row, then one typed row per subject: amounts and ratios are number cells
 * (thousands separators), flags 是/否. Frozen under the header; printed like every report sheet.
 */
export function addTableSheet(
  workbook: ExcelJS.Workbook,
  sheet: { name: string; title: string; subtitle: string; columns: readonly SheetColumn[]; rows: readonly object[] },
): ExcelJS.Worksheet {
  const out = workbook.addWorksheet(sheet.name, { views: [{ state: 'frozen', ySplit: 3 }] });
  addTitle(out, sheet.columns.length, sheet.title, sheet.subtitle);
  addHeader(out, sheet.columns);
  for (const row of sheet.rows) styleBody(out.addRow(sheet.columns.map((column) => cellValue(row, column))), sheet.columns.length);
  sheet.columns.forEach((column, index) => {
    const sheetColumn = out.getColumn(index + 1);
    sheetColumn.width = column.width ?? (column.kind === 'money' ? MONEY_WIDTH : 12);
    if (column.kind === 'money') sheetColumn.numFmt = MONEY_FORMAT;
    if (column.kind === 'ratio') sheetColumn.numFmt = RATIO_FORMAT;
  });
  printSetup(out, '1:3');
  return out;
}

/** A restated filing's field-by-field differences, one row each. */
export function addDifferencesSheet(
  workbook: ExcelJS.Workbook,
  differences: readonly { subject: string; field: string; filed: string | number | boolean | null; current: string | number | boolean | null }[],
): void {
  const sheet = workbook.addWorksheet('Differences');
  sheet.addRow(['subject', 'field', 'filed', 'current']).font = { bold: true };
  for (const d of differences) sheet.addRow([d.subject, d.field, d.filed, d.current]);
  printSetup(sheet, '1:1');
}

/** 1234567.89 -> "1,234,567.89": an amount string with thousands separators, for subtitles. */
export function withThousands(amount: string): string {
  const [whole, fraction] = amount.split('.');
  return `${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${fraction === undefined ? '' : `.${fraction}`}`;
}
