import { G14_COLUMNS, G14_HEADERS, G14_MONEY_COLUMNS, G14Report, G14Row } from '../large-exposure.port';
import { CsvReportKind, TRAILING_COLUMNS, TRAILING_HEADERS, csvRecord, reportCsv } from './report-csv';

/** The G14 report's own columns, then report, restated, asOf and unit on every row, as in the large-credit CSV. */
export const G14_CSV_COLUMNS = [...G14_COLUMNS, ...TRAILING_COLUMNS] as const;

/** "风险缓释后风险暴露 exposure": the form's Chinese name, a space, the JSON field name. */
export function largeExposureCsvHeader(column: (typeof G14_CSV_COLUMNS)[number]): string {
  if (column in TRAILING_HEADERS) return TRAILING_HEADERS[column as keyof typeof TRAILING_HEADERS];
  const label = G14_HEADERS.get(column as keyof G14Row);
  return label ? `${label.zh} ${label.en}` : column;
}

const NUMERIC: ReadonlySet<string> = new Set<string>([...G14_MONEY_COLUMNS, 'ratio', 'rank', 'memberCount']);

function record(row: G14Row, report: CsvReportKind, context: { restated: boolean; asOf: string; unit: string }): Record<string, unknown> {
  // Lists (members, credit codes) in one cell, separated by semicolons: ids and codes never hold one.
  const flat = { ...row, members: row.members.join(';'), creditCodes: row.creditCodes.join(';') };
  return { ...csvRecord(flat, G14_COLUMNS, NUMERIC), report, ...context };
}

/**
 * The G14 report as CSV (report-csv.ts: RFC 4180, byte order mark, Chinese and JSON headers): the rows, or for a
 * restated filing the filed rows then the current ones, each saying which it is.
 */
export function largeExposureCsv(report: Pick<G14Report, 'asOf' | 'unit' | 'rows' | 'filing' | 'restated' | 'current'>): string {
  const context = { restated: report.restated, asOf: report.asOf, unit: report.unit };
  const records = report.rows.map((row) => record(row, report.filing ? 'filed' : 'current', context));
  if (report.filing && report.restated && report.current) records.push(...report.current.rows.map((row) => record(row, 'current', context)));
  return reportCsv(
    records,
    G14_CSV_COLUMNS.map((key) => ({ key, header: largeExposureCsvHeader(key) })),
  );
}
