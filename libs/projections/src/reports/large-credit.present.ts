import Decimal from 'decimal.js';
import { parseMoney } from '@groupcap/domain';
import { MONEY_COLUMNS, ReportRow, ReportUnit } from '../large-credit.port';

/** Yuan to wan (10,000 yuan): exact, since 2 decimals of yuan are 6 decimals of wan. */
export function toWan(yuan: string): string {
  return new Decimal(yuan).div(10_000).toFixed(6);
}

/**
 * The rows as asked for: those whose comprehensive limit reaches the threshold (yuan), amounts in the unit.
 * Ranks stay those of the whole report.
 */
export function presentRows(rows: readonly ReportRow[], options: { threshold?: string; unit: ReportUnit }): ReportRow[] {
  const threshold = options.threshold === undefined ? undefined : parseMoney(options.threshold);
  const kept = threshold === undefined ? rows : rows.filter((row) => parseMoney(row.comprehensiveLimit) >= threshold);
  if (options.unit === 'yuan') return kept.map((row) => ({ ...row }));
  return kept.map((row) => {
    const converted: ReportRow = { ...row };
    for (const column of MONEY_COLUMNS) (converted[column] as string) = toWan(row[column] as string);
    return converted;
  });
}
