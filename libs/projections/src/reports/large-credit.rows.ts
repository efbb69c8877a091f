import { FiledReportRow, Fen, Subject, formatMoney, isReported, leadBranch, netCapitalOn, rankByComprehensiveLimit, ratioOf, subjectKey } from '@groupcap/domain';
import { AsOfBook } from '../as-of/as-of-book';
import { isOverCap } from '../views/cap-status';
import { branchesAtQuarterEnd, creditFigures } from '../views/credit-figures';

export interface LargeCreditRows {
  netCapital: Fen | undefined;
  rows: FiledReportRow[];
}

/**
 * domain.md section 5: one row per group client and per standalone customer with credit on the date, at its
 * maximum comprehensive credit limit (carried forward while a renewal is pending, the outstanding of an
 * expired limit, nominal credit without a limit), ranked by that limit (ties: the smaller id). A real exit
 * (no valid limit, no pending renewal, nothing outstanding) reports nothing and is left out.
 */
export function largeCreditRows(book: AsOfBook): LargeCreditRows {
  const subjects = new Map<string, { subject: Subject; members: readonly string[] }>();
  const withCredit = new Set([...book.state.limitsByCustomer.keys(), ...book.balancesByCustomer.keys()]);
  for (const customerId of withCredit) {
    const groupId = book.groupOf.get(customerId);
    const subject: Subject = groupId ? { subjectType: 'group', groupId } : { subjectType: 'customer', customerId };
    const key = subjectKey(subject);
    if (!subjects.has(key)) subjects.set(key, { subject, members: groupId ? (book.members.get(groupId) ?? [customerId]) : [customerId] });
  }
  // A group with a group limit and no member limit yet still has a comprehensive limit (group unified credit).
  for (const groupId of book.state.groupLimitsByGroup.keys()) {
    const members = book.members.get(groupId);
    if (members && !subjects.has(`group:${groupId}`)) subjects.set(`group:${groupId}`, { subject: { subjectType: 'group', groupId }, members });
  }

  const netCapital = netCapitalOn(book.state, book.date);
  const unranked: FiledReportRow[] = [];
  const limits = new Map<FiledReportRow, Fen>();
  for (const { subject, members } of subjects.values()) {
    const figures = creditFigures(book, members, subject.subjectType === 'group' ? subject.groupId : undefined);
    if (!isReported(figures)) continue;
    const row: FiledReportRow = {
      rank: 0,
      subjectType: subject.subjectType,
      groupId: subject.subjectType === 'group' ? subject.groupId : null,
      customerId: subject.subjectType === 'customer' ? subject.customerId : null,
      name:
        subject.subjectType === 'group'
          ? (book.groupNames.get(subject.groupId) ?? subject.groupId)
          : (book.customers.get(subject.customerId)?.name ?? subject.customerId),
      memberCount: members.length,
      comprehensiveLimit: formatMoney(figures.comprehensiveLimit),
      onBalance: formatMoney(figures.onBalance),
      offBalance: formatMoney(figures.offBalance),
      outstanding: formatMoney(figures.outstanding),
      exposure: formatMoney(figures.exposure),
      ratio: netCapital === undefined ? null : ratioOf(figures.comprehensiveLimit, netCapital),
      carriedForward: figures.carriedForward,
      leadBranch: leadBranch(branchesAtQuarterEnd(book, members), figures.branches),
      // Over its cap on the report date by the report date's figures and cap, whatever breach events say.
      inBreach: isOverCap(book, subject, figures),
    };
    unranked.push(row);
    limits.set(row, figures.comprehensiveLimit);
  }
  const rows = rankByComprehensiveLimit(
    unranked.map((row) => ({ item: row, limit: limits.get(row) as Fen, id: (row.groupId ?? row.customerId) as string })),
  ).map(({ item, rank }) => ({ ...item, rank }));
  return { netCapital, rows };
}

export function subjectOfRow(row: Pick<FiledReportRow, 'subjectType' | 'groupId' | 'customerId'>): string {
  return row.subjectType === 'group' ? `group:${row.groupId}` : `customer:${row.customerId}`;
}
