import { FiledReportRow, Fen, Subject, formatMoney, isReported, leadBranch, netCapitalOn, rankByComprehensiveLimit, ratioOf, subjectKey } from '@groupcap/domain';
import { AsOfBook } from '../as-of/as-of-book';
import { isOverCap } from '../views/cap-status';
import { branchesAtQuarterEnd, creditFigures } from '../views/credit-figures';

export interface LargeCreditRows {
  netCapital: Fen | undefined;
  rows: FiledReportRow[];
}

/** A subject of the report with the customers it aggregates on the book's date. */
export interface ReportSubject {
  subject: Subject;
  members: readonly string[];
}

/** A row before ranking, with the comprehensive limit it is ranked by. */
export interface UnrankedRow {
  row: Omit<FiledReportRow, 'rank'>;
  comprehensiveLimit: Fen;
}

/**
 * The subjects of the report on the book's date, by subject key: every group with a member with credit (a limit
 * or a balance) or with a group limit, and every standalone customer with credit. In a book loaded for a few
 * customers, only the subjects whose every member is in scope are whole.
 */
export function reportSubjects(book: AsOfBook): Map<string, ReportSubject> {
  const subjects = new Map<string, ReportSubject>();
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
  return subjects;
}

/** The subject's row on the book's date, or undefined when it reports nothing (a real exit). */
export function unrankedRow(book: AsOfBook, { subject, members }: ReportSubject, netCapital: Fen | undefined): UnrankedRow | undefined {
  const figures = creditFigures(book, members, subject.subjectType === 'group' ? subject.groupId : undefined);
  if (!isReported(figures)) return undefined;
  const row: Omit<FiledReportRow, 'rank'> = {
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
  return { row, comprehensiveLimit: figures.comprehensiveLimit };
}

/** Ranked by the domain's rule (largest comprehensive limit first, ties by the smaller id); rank is the first field. */
export function rankedRows(unranked: readonly UnrankedRow[]): FiledReportRow[] {
  return rankByComprehensiveLimit(
    unranked.map((entry) => ({ item: entry.row, limit: entry.comprehensiveLimit, id: (entry.row.groupId ?? entry.row.customerId) as string })),
  ).map(({ item, rank }) => ({ rank, ...item }));
}

/**
 * domain.md section 5: one row per group client and per standalone customer with credit on the date, at its
 * maximum comprehensive credit limit (carried forward while a renewal is pending, the outstanding of an
 * expired limit, nominal credit without a limit), ranked by that limit (ties: the smaller id). A real exit
 * (no valid limit, no pending renewal, nothing outstanding) reports nothing and is left out.
 */
export function largeCreditRows(book: AsOfBook): LargeCreditRows {
  const netCapital = netCapitalOn(book.state, book.date);
  const unranked: UnrankedRow[] = [];
  for (const subject of reportSubjects(book).values()) {
    const entry = unrankedRow(book, subject, netCapital);
    if (entry) unranked.push(entry);
  }
  return { netCapital, rows: rankedRows(unranked) };
}

export function subjectOfRow(row: Pick<FiledReportRow, 'subjectType' | 'groupId' | 'customerId'>): string {
  return row.subjectType === 'group' ? `group:${row.groupId}` : `customer:${row.customerId}`;
}
