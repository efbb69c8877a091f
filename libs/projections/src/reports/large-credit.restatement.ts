import type { FiledReportRow } from '@groupcap/domain';
import { FILED_COLUMNS, ReportDifference } from '../large-credit.port';
import { subjectOfRow } from './large-credit.rows';
import { filedDifferences } from './report-restatement';

const IDENTITY: ReadonlySet<keyof FiledReportRow> = new Set(['subjectType', 'groupId', 'customerId']);
const COMPARED = FILED_COLUMNS.filter((field) => !IDENTITY.has(field));

/**
 * What back-dated events changed in a filed large-credit report: per subject, each field whose value differs, a
 * subject that appeared or disappeared (field "row"), and the net capital (subject "report"). Compared in yuan.
 */
export function reportDifferences(
  filed: { netCapital: string | null; rows: readonly FiledReportRow[] },
  current: { netCapital: string | null; rows: readonly FiledReportRow[] },
): ReportDifference[] {
  return filedDifferences(
    { figures: { netCapital: filed.netCapital }, rows: filed.rows },
    { figures: { netCapital: current.netCapital }, rows: current.rows },
    { subjectOf: subjectOfRow, fields: COMPARED },
  );
}
