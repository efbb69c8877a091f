import { stringify } from 'csv-stringify/sync';
import { LargeCreditReport, REPORT_COLUMNS } from '../large-credit.port';

/**
 * RFC 4180 (CRLF, quoted when needed) with the JSON report's columns and values. A UTF-8 byte order mark
 * leads, so spreadsheet programs read Chinese names correctly; empty cells are nulls.
 */
export function largeCreditCsv(report: Pick<LargeCreditReport, 'rows'>): string {
  return stringify([...report.rows], {
    bom: true,
    header: true,
    columns: [...REPORT_COLUMNS],
    record_delimiter: 'windows',
    cast: { boolean: (value) => (value ? 'true' : 'false') },
  });
}
