import ExcelJS from 'exceljs';
import { LargeCreditReport, MONEY_COLUMNS, REPORT_COLUMNS, ReportDifference, ReportRow } from '../large-credit.port';

const NUMBER_FORMATS = { yuan: '#,##0.00', wan: '#,##0.000000' } as const;

/** Title row, header row, then one typed row per subject: amounts and ratios are number cells, flags booleans. */
function addReportSheet(workbook: ExcelJS.Workbook, name: string, title: string, rows: readonly ReportRow[], unit: LargeCreditReport['unit']): void {
  const sheet = workbook.addWorksheet(name);
  sheet.addRow([title]);
  sheet.mergeCells(1, 1, 1, REPORT_COLUMNS.length);
  sheet.getRow(1).font = { bold: true };
  const header = sheet.addRow([...REPORT_COLUMNS]);
  header.font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 2 }];
  for (const row of rows) {
    sheet.addRow(
      REPORT_COLUMNS.map((column) => {
        const value = row[column];
        if (value === null) return null;
        // Excel holds numbers as doubles: 2 (or 6 in wan) decimals of amounts below 10^16 yuan survive the trip.
        if (MONEY_COLUMNS.includes(column) || column === 'ratio') return Number(value);
        return value;
      }),
    );
  }
  REPORT_COLUMNS.forEach((column, index) => {
    const sheetColumn = sheet.getColumn(index + 1);
    sheetColumn.width = column === 'name' ? 32 : 18;
    if (MONEY_COLUMNS.includes(column)) sheetColumn.numFmt = NUMBER_FORMATS[unit];
    if (column === 'ratio') sheetColumn.numFmt = '0.0000';
  });
}

function addDifferencesSheet(workbook: ExcelJS.Workbook, differences: readonly ReportDifference[]): void {
  const sheet = workbook.addWorksheet('Differences');
  sheet.addRow(['subject', 'field', 'filed', 'current']).font = { bold: true };
  for (const d of differences) sheet.addRow([d.subject, d.field, d.filed, d.current]);
}

function titleOf(report: LargeCreditReport): string {
  const capital = report.netCapital === null ? 'no net capital declared' : `net capital ${report.netCapital} yuan`;
  const filing = report.filing ? `; filed ${report.filing.filedAt} by ${report.filing.filedBy}${report.restated ? '; RESTATED since filing: see the Current sheet' : ''}` : '';
  return `Large credit report (客户大额授信统计表) as of ${report.asOf}; ${capital}; amounts in ${report.unit}${filing}`;
}

/** The report as an Excel workbook; a restated filing adds the current rows and the differences. */
export async function largeCreditWorkbook(report: LargeCreditReport): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'groupcap';
  addReportSheet(workbook, `Large credit ${report.asOf}`, titleOf(report), report.rows, report.unit);
  if (report.restated && report.current) {
    const capital = report.current.netCapital === null ? 'no net capital declared' : `net capital ${report.current.netCapital} yuan`;
    addReportSheet(workbook, `Current ${report.asOf}`, `As the log says now, as of ${report.asOf}; ${capital}; amounts in ${report.unit}`, report.current.rows, report.unit);
    addDifferencesSheet(workbook, report.differences ?? []);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
