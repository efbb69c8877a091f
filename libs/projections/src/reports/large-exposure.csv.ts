import { LARGE_EXPOSURE_COLUMNS, LARGE_EXPOSURE_HEADERS, LARGE_EXPOSURE_MONEY_COLUMNS, LargeExposureReport, LargeExposureRow } from '../large-exposure.port';
import { CsvReportKind, TRAILING_COLUMNS, TRAILING_HEADERS, csvRecord, reportCsv } from './report-csv';

/** The G14 report's own columns, then report, restated, asOf and unit on every row, as in the large-credit CSV. */
export const LARGE_EXPOSURE_CSV_COLUMNS = [...LARGE_EXPOSURE_COLUMNS, ...TRAILING_COLUMNS] as const;

/** "风险缓释后风险暴露 exposure": the form's Chinese name, a space, the JSON field name. */
export function largeExposureCsvHeader(column: (typeof LARGE_EXPOSURE_CSV_COLUMNS)[number]): string {
  if (column in TRAILING_HEADERS) return TRAILING_HEADERS[column as keyof typeof TRAILING_HEADERS];
  const label = LARGE_EXPOSURE_HEADERS.get(column as keyof LargeExposureRow);
  return label ? `${label.zh} ${label.en}` : column;
}

const NUMERIC: ReadonlySet<string> = new Set<string>([...LARGE_EXPOSURE_MONEY_COLUMNS, 'ratio', 'rank', 'memberCount']);

function record(row: LargeExposureRow, report: CsvReportKind, context: { restated: boolean; asOf: string; unit: string }): Record<string, unknown> {
  // Lists (members, credit codes) in one cell, separated by semicolons: ids and codes never hold one.
  const flat = { ...row, members: row.members.join(';'), creditCodes: row.creditCodes.join(';') };
  return { ...csvRecord(flat, LARGE_EXPOSURE_COLUMNS, NUMERIC), report, ...context };
}

/**
 * The G14 report as CSV (report-csv.ts: RFC 4180, byte order mark, Chinese and JSON headers): the rows, or for a
 * restated filing the filed rows then the current ones, each saying which it is.
 */
export function largeExposureCsv(report: Pick<LargeExposureReport, 'asOf' | 'unit' | 'rows' | 'filing' | 'restated' | 'current'>): string {
  const context = { restated: report.restated, asOf: report.asOf, unit: report.unit };
  const records = report.rows.map((row) => record(row, report.filing ? 'filed' : 'current', context));
  if (report.filing && report.restated && report.current) records.push(...report.current.rows.map((row) => record(row, 'current', context)));
  return reportCsv(
    records,
    LARGE_EXPOSURE_CSV_COLUMNS.map((key) => ({ key, header: largeExposureCsvHeader(key) })),
  );
}
