import { stringify } from 'csv-stringify/sync';
import { LargeCreditReport, MONEY_COLUMNS, REPORT_COLUMNS, REPORT_HEADERS, ReportRow } from '../large-credit.port';

/** Which report a CSV row belongs to: as filed (frozen), or as the log says now. */
export type CsvReportKind = 'filed' | 'current';

/**
 * The report's own columns, then four that make every row self-describing, so files of several dates can be
 * appended into one table and a filtered extract cannot lose its meaning:
 * - `report`: `filed` for the rows frozen by a filing, `current` for the rows as the log says now (an unfiled
 *   date has only `current` rows);
 * - `restated`: `true` on every row when back-dated events changed a filed date since its filing;
 * - `asOf`: the report date; `unit`: `yuan` or `wan` (10,000 yuan), the unit of every amount column.
 */
export const CSV_COLUMNS = [...REPORT_COLUMNS, 'report', 'restated', 'asOf', 'unit'] as const;

const TRAILING_HEADERS: Readonly<Record<'report' | 'restated' | 'asOf' | 'unit', string>> = {
  report: '报表 report',
  restated: '已重述 restated',
  asOf: '报表日期 asOf',
  unit: '金额单位 unit',
};

/** The header of a CSV column: the form's Chinese name, a space, the JSON field name ("最高综合授信额度 comprehensiveLimit"). */
export function csvHeader(column: (typeof CSV_COLUMNS)[number]): string {
  if (column in TRAILING_HEADERS) return TRAILING_HEADERS[column as keyof typeof TRAILING_HEADERS];
  const label = REPORT_HEADERS.get(column as keyof ReportRow);
  return label ? `${label.zh} ${label.en}` : column;
}

type CsvRecord = Record<(typeof CSV_COLUMNS)[number], string | number | boolean | null>;

/** Columns that hold numbers (money, ratio, counts): written as they are, never altered. */
const NUMERIC: ReadonlySet<string> = new Set<string>([...MONEY_COLUMNS, 'ratio', 'rank', 'memberCount']);

/**
 * Spreadsheet programs may run a text cell starting with = + - @, a tab or a carriage return as a formula (CSV
 * injection): a customer or branch named "=HYPERLINK(...)" must stay text. OWASP's remedy: a leading apostrophe,
 * which spreadsheets read as "this is text". Only text cells get it; amounts and ratios are never altered.
 */
export function neutraliseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function record(row: ReportRow, report: CsvReportKind, context: { restated: boolean; asOf: string; unit: string }): CsvRecord {
  const out = { report, restated: context.restated, asOf: context.asOf, unit: context.unit } as CsvRecord;
  for (const column of REPORT_COLUMNS) {
    const value = row[column];
    out[column] = typeof value === 'string' && !NUMERIC.has(column) ? neutraliseFormula(value) : value;
  }
  return out;
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
  return stringify(records, {
    bom: true,
    header: true,
    columns: CSV_COLUMNS.map((key) => ({ key, header: csvHeader(key) })),
    record_delimiter: 'windows',
    cast: { boolean: (value) => (value ? 'true' : 'false') },
  });
}
