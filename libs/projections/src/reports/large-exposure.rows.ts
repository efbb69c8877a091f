import { BookState, BusinessDate, formatMoney, largeExposureRows, policyOn } from '@groupcap/domain';
import { FiledG14Row, G14Figures, G14Report, G14Unit } from '../large-exposure.port';
import { inUnit } from './large-credit.present';

/**
 * The G14 rows of a date in yuan, as a filing freezes them: the domain's largeExposureRows (domain.md section 8)
 * over the whole book as it stood on the date, ranked 1, 2, ... in the domain's order (exposure, largest first).
 */
export function g14Rows(state: BookState, date: BusinessDate): G14Figures & { rows: FiledG14Row[] } {
  const report = largeExposureRows(state, date);
  const rows = report.rows.map((row, index): FiledG14Row => ({
    rank: index + 1,
    subjectType: row.subjectType,
    subjectId: (row.subjectType === 'customer' ? row.customerId : row.connectedGroupId) as string,
    name: row.name,
    interbank: row.interbank,
    memberCount: row.members.length,
    members: row.members.map((m) => m.customerId),
    creditCodes: row.members.flatMap((m) => (m.creditCode === null ? [] : [m.creditCode])),
    exposureBeforeMitigation: formatMoney(row.exposureBeforeMitigation),
    exposureAfterMitigation: formatMoney(row.exposure),
    ratio: row.ratio,
    exempt: row.exempt,
    inBreach: row.inBreach,
  }));
  return {
    tier1NetCapital: report.tier1NetCapital === null ? null : formatMoney(report.tier1NetCapital),
    largeExposureRatio: policyOn(state.policyChanges, date).largeExposureRatio,
    threshold: report.threshold === null ? null : formatMoney(report.threshold),
    rows,
  };
}

/** Figures and rows (yuan) in the report's unit: wan to 2 decimals half up, each figure on its own. */
export function g14InUnit<T extends G14Figures & { rows: readonly FiledG14Row[] }>(report: T, unit: G14Unit): Pick<G14Report, keyof G14Figures | 'rows'> {
  const money = (yuan: string | null) => (yuan === null ? null : inUnit(yuan, unit));
  return {
    tier1NetCapital: money(report.tier1NetCapital),
    largeExposureRatio: report.largeExposureRatio,
    threshold: money(report.threshold),
    rows: report.rows.map((row) => ({
      ...row,
      exposureBeforeMitigation: inUnit(row.exposureBeforeMitigation, unit),
      exposureAfterMitigation: inUnit(row.exposureAfterMitigation, unit),
    })),
  };
}

export function subjectOfG14Row(row: Pick<FiledG14Row, 'subjectType' | 'subjectId'>): string {
  return `${row.subjectType}:${row.subjectId}`;
}
