import { capOf, capUtilization, formatMoney, headroom, leadBranch } from '@groupcap/domain';
import { AsOfBook } from '../as-of/as-of-book';
import { GroupReadModel } from '../read-models.port';
import { capMeasuresOf, isOverCap } from './cap-status';
import { branchesAtQuarterEnd, creditFigures } from './credit-figures';
import { groupLimitsOfGroup } from './group-limit.view';
import { InvalidCursorError, Page, decodeCursor, pageOf } from './paging';

/** Every group with members on the book's date, in the book's order. */
export function groupViews(book: AsOfBook): GroupReadModel[] {
  const views: GroupReadModel[] = [];
  for (const groupId of book.members.keys()) {
    const view = groupView(book, groupId);
    if (view) views.push(view);
  }
  return views;
}

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
/** The sorts by a figure of the group's. */
export type FigureSort = Exclude<GroupSort, 'groupId'>;

const byId = (a: GroupReadModel, b: GroupReadModel) => (a.groupId < b.groupId ? -1 : a.groupId > b.groupId ? 1 : 0);

/**
 * A sorted figure as the integer it is compared by: every value of one figure has the same number of decimals (money
 * two, capUtilization four), so its digits without the point compare as the figure does, never as a float.
 */
export function sortFigure(decimal: string | null): bigint | null {
  return decimal === null ? null : BigInt(decimal.replace('.', ''));
}

function compareDecimalDesc(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  const [x, y] = [sortFigure(a) as bigint, sortFigure(b) as bigint];
  return x === y ? 0 : x > y ? -1 : 1;
}

/** Largest first (ties and unknown caps last by id); groupId ascending. */
export function compareGroups(sort: GroupSort): (a: GroupReadModel, b: GroupReadModel) => number {
  if (sort === 'groupId') return byId;
  return (a, b) => compareDecimalDesc(a[sort], b[sort]) || byId(a, b);
}

/** Where a page of the groups list starts: after this group, whose sorted figure was `value` (null: no cap, or sorted by id). */
export type GroupCursor = { groupId: string; value: string | null };

const FIGURE_SHAPE: Readonly<Record<FigureSort, RegExp>> = {
  // At most 18 digits in all: the kept list compares them as a 64-bit integer (views/group.kept.ts).
  capUtilization: /^\d{1,14}\.\d{4}$/,
  comprehensiveLimit: /^-?\d{1,16}\.\d{2}$/,
  exposure: /^-?\d{1,16}\.\d{2}$/,
};

/** The cursor of a page of the groups list sorted this way; InvalidCursorError for a key this list never gave out. */
export function groupCursor(cursor: string, sort: GroupSort): GroupCursor {
  const key = decodeCursor(cursor, ['groupId', 'value']);
  const { groupId, value } = key;
  if (groupId === null) throw new InvalidCursorError(cursor);
  if (sort === 'groupId' ? value !== null : value !== null && !FIGURE_SHAPE[sort].test(value)) throw new InvalidCursorError(cursor);
  return { groupId, value };
}

/** The key a page's cursor names when the group is the last of a page sorted this way. */
export function keyOfGroup(group: GroupReadModel, sort: GroupSort): GroupCursor {
  return { groupId: group.groupId, value: sort === 'groupId' ? null : group[sort] };
}

/** A page of the views, sorted here in the list's order, after the cursor's group (from the start without one). */
/** A page of the groups list asked for: its order, its size, and the key of the last group of the page before. */
export interface GroupsPageQuery {
  sort: GroupSort;
  limit: number;
  after?: GroupCursor;
}

export function pageOfGroups(views: GroupReadModel[], query: GroupsPageQuery): Page<GroupReadModel> {
  const { sort, after } = query;
  const compare = compareGroups(sort);
  // The cursor's key as a group: compared in the list's own order, so the next page starts right after it.
  const last = after && ({ groupId: after.groupId, capUtilization: after.value, comprehensiveLimit: after.value, exposure: after.value } as GroupReadModel);
  return pageOf([...views].sort(compare), query.limit, last && ((g) => compare(g, last) > 0), (g) => keyOfGroup(g, sort));
}
