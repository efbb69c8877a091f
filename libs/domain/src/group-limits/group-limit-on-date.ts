import { BookState, Limit } from '../book/book.state';
import { groupOn, limitOn } from '../book/book-on-date';
import { BusinessDate } from '../shared/business-date';
import { Fen, maxFen } from '../shared/money';
import { GroupLimit, GroupLimitVersion } from './group-limit.state';

/**
 * A group limit on a business date, read off its dated terms and dated group history like every other fact
 * (docs/domain.md, "The time model"). These readers take the few facts they need through `OnDate`, so the
 * write model (the book on a date) and the read side (an as-of book loaded from its tables) count a group
 * limit with the same code.
 */
export interface OnDate {
  date: BusinessDate;
  /** A member limit as it stood on the date (terms and outstanding), undefined before it took effect. */
  limit(limitId: string): Limit | undefined;
  /** A customer's group on the date; undefined when standalone. */
  groupOf(customerId: string): string | undefined;
}

export function onDate(state: BookState, date: BusinessDate): OnDate {
  return {
    date,
    limit: (limitId) => {
      const limit = state.limits.get(limitId);
      return limit && limitOn(state, limit, date);
    },
    groupOf: (customerId) => groupOn(state, customerId, date),
  };
}

/** The terms in force on the date, undefined before the request took effect. */
function termsOn(groupLimit: GroupLimit, date: BusinessDate): GroupLimitVersion | undefined {
  let found: GroupLimitVersion | undefined;
  for (const t of groupLimit.terms) {
    if (t.from > date) break;
    found = t;
  }
  return found;
}

/** The group limit as it stood on the date; the same object when its terms did not change after it. */
export function groupLimitOn(groupLimit: GroupLimit, date: BusinessDate): GroupLimit | undefined {
  if (date < groupLimit.since) return undefined;
  const terms = termsOn(groupLimit, date);
  if (!terms || terms === groupLimit.terms[groupLimit.terms.length - 1]) return groupLimit;
  const { amount, validTo, status, requestedBy, pendingRenewal } = terms;
  return { ...groupLimit, amount, validTo, status, requestedBy, pendingRenewal };
}

/** The group the group limit belonged to on the date: its latest-dated entry on or before it (ties: the later recorded). */
export function groupOfGroupLimitOn(groupLimit: GroupLimit, date: BusinessDate): string | undefined {
  let groupId: string | undefined;
  for (const g of groupLimit.groups) {
    if (g.from > date) break;
    groupId = g.groupId;
  }
  return groupId;
}

/** The group limits belonging to the group on the date, as they stood then (any status). */
export function groupLimitsOfGroupOn(state: BookState, groupId: string, date: BusinessDate): GroupLimit[] {
  const ids = state.groupLimitsByGroup.get(groupId);
  if (!ids) return [];
  const out: GroupLimit[] = [];
  for (const id of ids) {
    const groupLimit = state.groupLimits.get(id);
    if (!groupLimit || groupOfGroupLimitOn(groupLimit, date) !== groupId) continue;
    const on = groupLimitOn(groupLimit, date);
    if (on) out.push(on);
  }
  return out.sort((a, b) => (a.groupLimitId < b.groupLimitId ? -1 : a.groupLimitId > b.groupLimitId ? 1 : 0));
}

/**
 * Whether a limit of a member of `groupId` counts under a group limit there on the date instead of on its own:
 * it is an allocation of a group limit that is approved (not pending, rejected or cancelled) and belongs to that
 * group then. An allocation of a member that left, of a group limit that moved away or was dissolved with its
 * group, or of one cancelled, counts on its own (domain.md section 2: nothing twice, nothing lost).
 */
export function countsUnderGroupLimit(state: Pick<BookState, 'groupLimits'>, limit: Pick<Limit, 'groupLimitId'>, groupId: string | undefined, date: BusinessDate): boolean {
  if (limit.groupLimitId === null || groupId === undefined) return false;
  const groupLimit = state.groupLimits.get(limit.groupLimitId);
  if (!groupLimit || groupOfGroupLimitOn(groupLimit, date) !== groupId) return false;
  return groupLimitOn(groupLimit, date)?.status === 'active';
}

/** The allocations that count under the group limit on the date: those of members of its group then, as they stood. */
export function allocationsOn(groupLimit: GroupLimit, on: OnDate): Limit[] {
  const groupId = groupOfGroupLimitOn(groupLimit, on.date);
  if (groupId === undefined) return [];
  const out: Limit[] = [];
  for (const id of groupLimit.allocationIds) {
    const limit = on.limit(id);
    if (limit && on.groupOf(limit.customerId) === groupId) out.push(limit);
  }
  return out;
}

/** Room taken: the amounts of its live (approved, not cancelled) allocations of current members. */
export function allocatedOn(groupLimit: GroupLimit, on: OnDate): Fen {
  return allocationsOn(groupLimit, on)
    .filter((l) => l.status === 'active')
    .reduce((sum, l) => sum + l.amount, 0n);
}

export function allocatedOutstandingOn(groupLimit: GroupLimit, on: OnDate): Fen {
  return allocationsOn(groupLimit, on).reduce((sum, l) => sum + l.outstanding, 0n);
}

/**
 * What a group limit (as it stood on the date) adds to its group's reported comprehensive limit, given what its
 * allocations have outstanding then: the same rule as a limit (caps/measures.ts limitContribution). Approved and
 * not expired: max(amount, outstanding); expired with a renewal pending: carried forward; expired without one:
 * the outstanding. Pending, rejected or cancelled: nothing (its allocations then count on their own).
 */
export function groupLimitContribution(groupLimit: GroupLimit, date: BusinessDate, outstanding: Fen): { reported: Fen; carriedForward: boolean } {
  if (groupLimit.status !== 'active') return { reported: 0n, carriedForward: false };
  if (date <= groupLimit.validTo) return { reported: maxFen(groupLimit.amount, outstanding), carriedForward: false };
  if (groupLimit.pendingRenewal) return { reported: maxFen(groupLimit.amount, outstanding), carriedForward: true };
  return { reported: outstanding, carriedForward: false };
}

/** The group limits' part of the group's reported comprehensive limit on the date. */
export function groupLimitsReported(state: BookState, groupId: string, date: BusinessDate, on: OnDate = onDate(state, date)): { reported: Fen; carriedForward: boolean } {
  let reported = 0n;
  let carriedForward = false;
  for (const groupLimit of groupLimitsOfGroupOn(state, groupId, date)) {
    const c = groupLimitContribution(groupLimit, date, allocatedOutstandingOn(groupLimit, on));
    reported += c.reported;
    carriedForward ||= c.carriedForward;
  }
  return { reported, carriedForward };
}

