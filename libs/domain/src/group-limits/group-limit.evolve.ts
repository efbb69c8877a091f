import { Set as ISet } from 'immutable';
import { BookState } from '../book/book.state';
import { BookEvent } from '../book/book.events';
import { BusinessDate } from '../shared/business-date';
import { parseMoney } from '../shared/money';
import { updateLimit, versioned } from '../limits/limit.evolve';
import { GroupLimitEvent } from './group-limit.events';
import { GroupLimit, GroupLimitGroup, GroupLimitVersion } from './group-limit.state';
import { groupOfGroupLimitOn } from './group-limit-on-date';

function put(state: BookState, groupLimit: GroupLimit): BookState {
  return { ...state, groupLimits: state.groupLimits.set(groupLimit.groupLimitId, groupLimit) };
}

function update(state: BookState, groupLimitId: string, change: (g: GroupLimit) => GroupLimit): BookState {
  const groupLimit = state.groupLimits.get(groupLimitId);
  return groupLimit ? put(state, change(groupLimit)) : state;
}

function indexed(state: BookState, groupId: string, groupLimitId: string): BookState {
  const ids = state.groupLimitsByGroup.get(groupId) ?? ISet<string>();
  return ids.has(groupLimitId) ? state : { ...state, groupLimitsByGroup: state.groupLimitsByGroup.set(groupId, ids.add(groupLimitId)) };
}

/** Dated entries in date order; one of the same date replaces the earlier (as limit versions and memberships do). */
function dated<T extends { from: BusinessDate }>(list: readonly T[], entry: T): T[] {
  const last = list.length === 0 ? undefined : list[list.length - 1];
  if (last === undefined || last.from < entry.from) return [...list, entry];
  if (last.from === entry.from) return [...list.slice(0, -1), entry];
  return [...list.filter((e) => e.from < entry.from), entry, ...list.filter((e) => e.from > entry.from)];
}

function versionedGroupLimit(g: GroupLimit, from: BusinessDate): GroupLimit {
  const { amount, validTo, status, requestedBy, pendingRenewal } = g;
  const version: GroupLimitVersion = { from, amount, validTo, status, requestedBy, pendingRenewal };
  return { ...g, terms: dated(g.terms, version) };
}

export function evolveGroupLimit(state: BookState, event: GroupLimitEvent, effectiveDate: BusinessDate): BookState {
  switch (event.type) {
    case 'GroupLimitRequested': {
      const d = event.data;
      const groupLimit: GroupLimit = {
        groupLimitId: d.groupLimitId,
        amount: parseMoney(d.amount),
        validFrom: d.validFrom,
        validTo: d.validTo,
        status: 'pending',
        requestedBy: d.requestedBy,
        pendingRenewal: null,
        since: effectiveDate,
        terms: [],
        groups: [{ from: effectiveDate, groupId: d.groupId }],
        allocationIds: [],
      };
      return indexed(put(state, versionedGroupLimit(groupLimit, effectiveDate)), d.groupId, d.groupLimitId);
    }
    case 'GroupLimitReallocated': {
      const d = event.data;
      const moved = updateLimit(state, d.fromLimitId, (l) => versioned({ ...l, amount: parseMoney(d.fromAmountAfter) }, effectiveDate));
      return updateLimit(moved, d.toLimitId, (l) => versioned({ ...l, amount: parseMoney(d.toAmountAfter) }, effectiveDate));
    }
    default:
      return update(state, event.data.groupLimitId, (g) => versionedGroupLimit(decided(g, event), effectiveDate));
  }
}

function decided(g: GroupLimit, event: Exclude<GroupLimitEvent, { type: 'GroupLimitRequested' | 'GroupLimitReallocated' }>): GroupLimit {
  switch (event.type) {
    case 'GroupLimitApproved':
      return { ...g, status: 'active', amount: parseMoney(event.data.amount), validTo: event.data.validTo, requestedBy: null, pendingRenewal: null };
    case 'GroupLimitRejected':
      return event.data.request === 'grant' ? { ...g, status: 'rejected', requestedBy: null } : { ...g, pendingRenewal: null };
    case 'GroupLimitRenewalRequested':
      return { ...g, pendingRenewal: { amount: parseMoney(event.data.amount), validTo: event.data.validTo, requestedBy: event.data.requestedBy } };
    case 'GroupLimitCancelled':
      return { ...g, status: 'cancelled', requestedBy: null, pendingRenewal: null };
    default: {
      const unhandled: never = event;
      return unhandled;
    }
  }
}

/** A member limit granted under a group limit is recorded among its allocations. */
export function recordAllocation(state: BookState, event: BookEvent): BookState {
  if (event.type !== 'LimitGranted' || event.data.groupLimitId === undefined) return state;
  const { limitId, groupLimitId } = event.data;
  return update(state, groupLimitId, (g) => (g.allocationIds.includes(limitId) ? g : { ...g, allocationIds: [...g.allocationIds, limitId] }));
}

/**
 * A group limit follows its group's id (docs/domain.md, group unified credit): when a merge absorbs the group it
 * belonged to on the merge's date, it belongs to the surviving group from that date on. A split keeps the id on
 * the continuing part, and a dissolved group has no members, so neither needs an entry.
 */
export function followMerge(state: BookState, change: BookEvent, effectiveDate: BusinessDate): BookState {
  if (change.type !== 'GroupsMerged') return state;
  const date = change.data.effectiveFrom ?? effectiveDate;
  let next = state;
  for (const absorbed of change.data.absorbedGroupIds) {
    for (const id of state.groupLimitsByGroup.get(absorbed) ?? []) {
      const groupLimit = next.groupLimits.get(id);
      if (!groupLimit || groupOfGroupLimitOn(groupLimit, date) !== absorbed) continue;
      const entry: GroupLimitGroup = { from: date, groupId: change.data.groupId };
      next = indexed(put(next, { ...groupLimit, groups: dated(groupLimit.groups, entry) }), change.data.groupId, id);
    }
  }
  return next;
}
