import { BookState, BusinessDate } from '@groupcap/domain';
import { FiledG14ReportRow } from '../as-of/as-of.queries';
import { FilableG14Report, FiledG14Row, G14_COMPARED, G14Figures, G14Report, G14Unit, TIER1_NOT_DECLARED } from '../large-exposure.port';
import { g14InUnit, g14Rows, subjectOfG14Row } from './large-exposure.rows';
import { filedDifferences } from './report-restatement';

/** The G14 report of a date as the log says now, in yuan: what a filing freezes. */
export function filableG14Report(state: BookState, asOf: BusinessDate): FilableG14Report {
  return { asOf, ...g14Rows(state, asOf) };
}

const figuresOf = (report: G14Figures): G14Figures => ({
  tier1NetCapital: report.tier1NetCapital,
  largeExposureRatio: report.largeExposureRatio,
  threshold: report.threshold,
});

/**
 * The G14 report as asked for (domain.md section 8): the filed one when the date was filed (with the current rows
 * and the differences when back-dated events changed it since: `restated`), else the current one; amounts in the
 * unit. Without tier-1 net capital on the date it has no rows and says why (`reason`): the answer is still 200,
 * since "nothing to report because nothing is measured" is a fact about the book, not a bad request.
 */
export function g14Report(current: FilableG14Report, filed: FiledG14ReportRow | undefined, unit: G14Unit): G14Report {
  const reason = (figures: G14Figures) => (figures.tier1NetCapital === null ? TIER1_NOT_DECLARED : null);
  if (!filed) return { asOf: current.asOf, unit, reason: reason(current), ...g14InUnit(current, unit), filing: null, restated: false };
  const frozen = { ...(JSON.parse(filed.figures) as G14Figures), rows: JSON.parse(filed.rows) as FiledG14Row[] };
  const differences = filedDifferences(
    { figures: { ...figuresOf(frozen) }, rows: frozen.rows },
    { figures: { ...figuresOf(current) }, rows: current.rows },
    { subjectOf: subjectOfG14Row, fields: G14_COMPARED },
  );
  const report: G14Report = {
    asOf: current.asOf,
    unit,
    reason: reason(frozen),
    ...g14InUnit(frozen, unit),
    filing: { position: filed.position.toString(), filedAt: filed.filed_at, filedBy: filed.filed_by },
    restated: differences.length > 0,
  };
  if (report.restated) {
    report.current = g14InUnit(current, unit);
    report.differences = differences;
  }
  return report;
}
