import { LargeCreditReport, MONEY_COLUMNS, REPORT_COLUMNS, REPORT_HEADERS, ReportRow } from '../large-credit.port';
import { CsvReportKind, TRAILING_COLUMNS, TRAILING_HEADERS, csvRecord, reportCsv } from './report-csv';

// Kept where it always was for callers of the large-credit CSV.
export { neutraliseFormula } from './report-csv';

export type { CsvReportKind } from './report-csv';

/** The report's own columns, then the four that make every row self-describing (report-csv.ts TRAILING_COLUMNS). */
export const CSV_COLUMNS = [...REPORT_COLUMNS, ...TRAILING_COLUMNS] as const;

/** The header of a CSV column: the form's Chinese name, a space, the JSON field name ("最高综合授信额度 comprehensiveLimit"). */
export function csvHeader(column: (typeof CSV_COLUMNS)[number]): string {
  if (column in TRAILING_HEADERS) return TRAILING_HEADERS[column as keyof typeof TRAILING_HEADERS];
  const label = REPORT_HEADERS.get(column as keyof ReportRow);
  return label ? `${label.zh} ${label.en}` : column;
}

type CsvRecord = Record<(typeof CSV_COLUMNS)[number], string | number | boolean | null>;

/** Columns that hold numbers (money, ratio, counts): written as they are, never altered. */
const NUMERIC: ReadonlySet<string> = new Set<string>([...MONEY_COLUMNS, 'ratio', 'rank', 'memberCount']);

function record(row: ReportRow, report: CsvReportKind, context: { restated: boolean; asOf: string; unit: string }): CsvRecord {
  return { ...csvRecord(row, REPORT_COLUMNS, NUMERIC), report, restated: context.restated, asOf: context.asOf, unit: context.unit } as CsvRecord;
}

/**
 * RFC 4180 (CRLF, quoted when needed), one header row (CSV_COLUMNS, each headed by its Chinese name and its JSON
 * name: csvHeader) so spreadsheet and statistics tools read it as one table. An unfiled date: its rows, `report` = current. A filed date: the filed rows (`report` =
 * filed); when it was restated, the current rows follow them (`report` = current) and every row says
 * `restated` = true; each block keeps its own ranks. A UTF-8 byte order mark leads, so spreadsheet programs
 * read Chinese names correctly; empty cells are nulls. The field-by-field differences stay in json and xlsx.
 */
export function largeCreditCsv(report: Pick<LargeCreditReport, 'asOf' | 'unit' | 'rows' | 'filing' | 'restated' | 'current'>): string {
  const context = { restated: report.restated, asOf: report.asOf, unit: report.unit };
  const records = report.rows.map((row) => record(row, report.filing ? 'filed' : 'current', context));
  if (report.filing && report.restated && report.current) {
    records.push(...report.current.rows.map((row) => record(row, 'current', context)));
  }
  return reportCsv(
    records,
    CSV_COLUMNS.map((key) => ({ key, header: csvHeader(key) })),
  );
}
