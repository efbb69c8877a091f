import type { ReportDifference } from '../large-credit.port';

type Value = ReportDifference['filed'];

function scalar(value: unknown): Value {
  return Array.isArray(value) ? value.join(',') : (value as Value);
}

/**
 * What back-dated events changed in a filed report (large-credit and large-exposure alike): each report-level
 * figure that differs (subject "report"), and per subject each compared field whose value differs, and a
 * subject that appeared or disappeared (field "row"). Compared as filed: in yuan, before any presentation.
 */
export function filedDifferences<R extends object>(
  filed: { figures: Readonly<Record<string, Value>>; rows: readonly R[] },
  current: { figures: Readonly<Record<string, Value>>; rows: readonly R[] },
  compare: { subjectOf: (row: R) => string; fields: readonly (keyof R & string)[] },
): ReportDifference[] {
  const differences: ReportDifference[] = [];
  for (const [field, value] of Object.entries(filed.figures)) {
    if (value !== current.figures[field]) differences.push({ subject: 'report', field, filed: value, current: current.figures[field] ?? null });
  }
  const currentBySubject = new Map(current.rows.map((row) => [compare.subjectOf(row), row]));
  const filedSubjects = new Set<string>();
  for (const before of filed.rows) {
    const subject = compare.subjectOf(before);
    filedSubjects.add(subject);
    const now = currentBySubject.get(subject);
    if (!now) {
      differences.push({ subject, field: 'row', filed: 'present', current: 'absent' });
      continue;
    }
    for (const field of compare.fields) {
      // A list (a connected group's members) compares by content and is shown comma-separated.
      const [was, is] = [scalar(before[field]), scalar(now[field])];
      if (was !== is) differences.push({ subject, field, filed: was, current: is });
    }
  }
  for (const now of current.rows) {
    const subject = compare.subjectOf(now);
    if (!filedSubjects.has(subject)) differences.push({ subject, field: 'row', filed: 'absent', current: 'present' });
  }
  return differences;
}
