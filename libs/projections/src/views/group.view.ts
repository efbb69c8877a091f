import { capOf, capUtilization, formatMoney, headroom, leadBranch } from '@groupcap/domain';
import { AsOfBook } from '../as-of/as-of-book';
import { GroupReadModel } from '../read-models.port';
import { capMeasuresOf, isOverCap } from './cap-status';
import { branchesAtQuarterEnd, creditFigures } from './credit-figures';
import { groupLimitsOfGroup } from './group-limit.view';

/** The group as of the book's date; undefined when it has no members then. */
export function groupView(book: AsOfBook, groupId: string): GroupReadModel | undefined {
  const members = book.members.get(groupId);
  if (!members || members.length === 0) return undefined;
  const figures = creditFigures(book, members, groupId);
  const subject = { subjectType: 'group', groupId } as const;
  const cap = capOf(book.state, subject, book.date);
  const measures = capMeasuresOf(figures);
  return {
    groupId,
    name: book.groupNames.get(groupId) ?? groupId,
    members: [...members],
    comprehensiveLimit: formatMoney(figures.comprehensiveLimit),
    onBalance: formatMoney(figures.onBalance),
    offBalance: formatMoney(figures.offBalance),
    outstanding: formatMoney(figures.outstanding),
    exposure: formatMoney(figures.exposure),
    cap: cap ? formatMoney(cap.cap) : null,
    headroom: cap ? formatMoney(headroom(measures, cap)) : null,
    capUtilization: cap ? capUtilization(measures, cap) : null,
    // From the same figures as capUtilization, so the two agree: in breach exactly when the unrounded ratio is above 1.
    inBreach: isOverCap(book, subject, figures),
    leadBranch: leadBranch(branchesAtQuarterEnd(book, members), figures.branches),
    groupLimits: groupLimitsOfGroup(book, groupId),
  };
}

export type GroupSort = 'capUtilization' | 'comprehensiveLimit' | 'exposure' | 'groupId';

const byId = (a: GroupReadModel, b: GroupReadModel) => (a.groupId < b.groupId ? -1 : a.groupId > b.groupId ? 1 : 0);

function compareDecimalDesc(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  // Same number of decimals on both sides: compare as scaled integers, never as floats.
  const [x, y] = [BigInt(a.replace('.', '')), BigInt(b.replace('.', ''))];
  return x === y ? 0 : x > y ? -1 : 1;
}

/** Largest first (ties and unknown caps last by id); groupId ascending. */
export function compareGroups(sort: GroupSort): (a: GroupReadModel, b: GroupReadModel) => number {
  if (sort === 'groupId') return byId;
  return (a, b) => compareDecimalDesc(a[sort], b[sort]) || byId(a, b);
}
