import { stringify } from 'csv-stringify/sync';

/** Which report a CSV row belongs to: as filed (frozen), or as the log says now. */
export type CsvReportKind = 'filed' | 'current';

/**
 * After a report's own columns, four that make every row self-describing, so files of several dates can be
 * appended into one table and a filtered extract cannot lose its meaning:
 * - `report`: `filed` for the rows frozen by a filing, `current` for the rows as the log says now (an unfiled
 *   date has only `current` rows);
 * - `restated`: `true` on every row when back-dated events changed a filed date since its filing;
 * - `asOf`: the report date; `unit`: `yuan` or `wan` (10,000 yuan), the unit of every amount column.
 */
export const TRAILING_COLUMNS = ['report', 'restated', 'asOf', 'unit'] as const;

export const TRAILING_HEADERS: Readonly<Record<(typeof TRAILING_COLUMNS)[number], string>> = {
  report: '报表 report',
  restated: '已重述 restated',
  asOf: '报表日期 asOf',
  unit: '金额单位 unit',
};

/** A CSV column: the key of the record it reads, and the header it is written under. */
export interface CsvColumn {
  key: string;
  header: string;
}

/**
 * Spreadsheet programs may run a text cell starting with = + - @, a tab or a carriage return as a formula (CSV
 * injection): a customer or branch named "=HYPERLINK(...)" must stay text. OWASP's remedy: a leading apostrophe,
 * which spreadsheets read as "this is text". Only text cells get it; amounts and ratios are never altered.
 */
export function neutraliseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** A report row as a CSV record: text cells neutralised, the columns in `numeric` (amounts, ratios, counts) as they are. */
export function csvRecord(row: object, columns: readonly string[], numeric: ReadonlySet<string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const column of columns) {
    const value = (row as Record<string, unknown>)[column];
    out[column] = typeof value === 'string' && !numeric.has(column) ? neutraliseFormula(value) : value;
  }
  return out;
}

/**
 * The regulator reports' CSV (large-credit and large-exposure alike): RFC 4180 (CRLF, quoted when needed), one
 * header row so spreadsheet and statistics tools read it as one table, a UTF-8 byte order mark first so
 * spreadsheet programs read Chinese names correctly, booleans as true/false and nulls as empty cells.
 */
export function reportCsv(records: readonly Record<string, unknown>[], columns: readonly CsvColumn[]): string {
  return stringify(records as Record<string, unknown>[], {
    bom: true,
    header: true,
    columns: columns.map(({ key, header }) => ({ key, header })),
    record_delimiter: 'windows',
    cast: { boolean: (value) => (value ? 'true' : 'false') },
  });
}
