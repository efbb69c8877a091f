import Decimal from 'decimal.js';
import { parseMoney } from '@groupcap/domain';
import { MONEY_COLUMNS, ReportRow, ReportUnit } from '../large-credit.port';

/** Yuan to wan (10,000 yuan): exact, since 2 decimals of yuan are 6 decimals of wan. */
export function toWan(yuan: string): string {
  return new Decimal(yuan).div(10_000).toFixed(6);
}

/** Yuan per unit. */
const YUAN_PER_UNIT: Record<ReportUnit, bigint> = { yuan: 1n, wan: 10_000n };

/**
 * The rows as asked for: those whose comprehensive limit reaches the threshold, amounts in the unit. The
 * threshold is in the unit too (threshold=5000 with unit=wan is 50,000,000 yuan), compared exactly in fen.
 * Ranks stay those of the whole report.
 */
export function presentRows(rows: readonly ReportRow[], options: { threshold?: string; unit: ReportUnit }): ReportRow[] {
  // parseMoney reads the amount as hundredths of a unit: times yuan per unit, that is fen.
  const threshold = options.threshold === undefined ? undefined : parseMoney(options.threshold) * YUAN_PER_UNIT[options.unit];
  const kept = threshold === undefined ? rows : rows.filter((row) => parseMoney(row.comprehensiveLimit) >= threshold);
  if (options.unit === 'yuan') return kept.map((row) => ({ ...row }));
  return kept.map((row) => {
    const converted: ReportRow = { ...row };
    for (const column of MONEY_COLUMNS) (converted[column] as string) = toWan(row[column] as string);
    return converted;
  });
}
