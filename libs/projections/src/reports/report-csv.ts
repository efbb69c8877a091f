import { stringify } from 'csv-stringify/sync';

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
