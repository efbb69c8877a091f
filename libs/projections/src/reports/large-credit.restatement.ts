import type { FiledReportRow } from '@groupcap/domain';
import { FILED_COLUMNS, ReportDifference } from '../large-credit.port';
import { subjectOfRow } from './large-credit.rows';

const IDENTITY: ReadonlySet<keyof FiledReportRow> = new Set(['subjectType', 'groupId', 'customerId']);

/**
 * What back-dated events changed in a filed report: per subject, each field whose value differs, a subject
 * that appeared or disappeared (field "row"), and the net capital (subject "report"). Compared in yuan.
 */
export function reportDifferences(
  filed: { netCapital: string | null; rows: readonly FiledReportRow[] },
  current: { netCapital: string | null; rows: readonly FiledReportRow[] },
): ReportDifference[] {
  const differences: ReportDifference[] = [];
  if (filed.netCapital !== current.netCapital) {
    differences.push({ subject: 'report', field: 'netCapital', filed: filed.netCapital, current: current.netCapital });
  }
  const currentBySubject = new Map(current.rows.map((row) => [subjectOfRow(row), row]));
  const filedSubjects = new Set<string>();
  for (const before of filed.rows) {
    const subject = subjectOfRow(before);
    filedSubjects.add(subject);
    const now = currentBySubject.get(subject);
    if (!now) {
      differences.push({ subject, field: 'row', filed: 'present', current: 'absent' });
      continue;
    }
    for (const field of FILED_COLUMNS) {
      if (IDENTITY.has(field) || before[field] === now[field]) continue;
      differences.push({ subject, field, filed: before[field], current: now[field] });
    }
  }
  for (const now of current.rows) {
    const subject = subjectOfRow(now);
    if (!filedSubjects.has(subject)) differences.push({ subject, field: 'row', filed: 'absent', current: 'present' });
  }
  return differences;
}
