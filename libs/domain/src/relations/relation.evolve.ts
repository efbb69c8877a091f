import { Set as ISet } from 'immutable';
import { BookState, Membership, Relation } from '../book/book.state';
import { RelationEvent } from './relation.events';
import { BusinessDate } from '../shared/business-date';
import { withDate } from '../book/book-on-date';
import { GroupChange } from '../groups/group-changes';
import { updated } from '../book/id-map';

/** Group ids are "G" plus a zero-padded sequence; replay recovers the counter from the ids themselves. */
export function groupSequenceOf(groupId: string): number {
  const n = Number(groupId.slice(1));
  return Number.isInteger(n) ? n : 0;
}

/**
 * Puts the customer in the group (null: standalone) from the date on, until its next recorded membership: every
 * customer a group event moves gets an entry, exactly the rows the read side writes (apply-event.ts), so both
 * read the same grouping on every date. Only when it is the latest entry does the book today change too.
 */
function assign(state: BookState, customerId: string, groupId: string | null, from: BusinessDate): BookState {
  const history = state.memberships.get(customerId) ?? [];
  const last = history.length === 0 ? undefined : history[history.length - 1];
  const isLatest = last === undefined || last.from <= from;
  const entry: Membership = { from, groupId };
  const memberships = state.memberships.set(
    customerId,
    isLatest
      ? [...(last?.from === from ? history.slice(0, -1) : history), entry]
      : [...history.filter((m) => m.from !== from), entry].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0)),
  );
  let next: BookState = { ...state, memberships };
  if (groupId !== null) {
    const ever = state.everInGroup.get(groupId);
    if (!ever?.has(customerId)) next = { ...next, everInGroup: next.everInGroup.set(groupId, (ever ?? ISet<string>()).add(customerId)) };
  }
  return isLatest ? moveToday(next, customerId, groupId) : next;
}

/** The book today: the customer leaves its group (dropped once empty) and joins the new one. */
function moveToday(state: BookState, customerId: string, groupId: string | null): BookState {
  const current = state.groupOf.get(customerId);
  if (current === (groupId ?? undefined)) return state;
  let groups = state.groups;
  if (current !== undefined) {
    const left = groups.get(current);
    if (left) {
      const members = left.members.remove(customerId);
      groups = members.isEmpty() ? groups.remove(current) : groups.set(current, { ...left, members });
    }
  }
  if (groupId !== null) {
    const joined = groups.get(groupId);
    groups = groups.set(groupId, { groupId, name: joined?.name ?? state.groupNames.get(groupId) ?? groupId, members: (joined?.members ?? ISet<string>()).add(customerId) });
  }
  const groupOf = groupId === null ? state.groupOf.remove(customerId) : state.groupOf.set(customerId, groupId);
  return { ...state, groups, groupOf };
}

function named(state: BookState, groupId: string, name: string): BookState {
  const group = state.groups.get(groupId);
  return {
    ...state,
    groupNames: state.groupNames.set(groupId, name),
    groups: group && group.name !== name ? state.groups.set(groupId, { ...group, name }) : state.groups,
    groupSeq: Math.max(state.groupSeq, groupSequenceOf(groupId)),
  };
}

/** Who a group change puts where, from its date on: every group event is a list of such moves. */
function movesOf(change: GroupChange): { names: [string, string][]; moves: [string, string | null][] } {
  switch (change.type) {
    case 'GroupFormed':
      return { names: [[change.data.groupId, change.data.name]], moves: change.data.members.map((m) => [m, change.data.groupId]) };
    case 'GroupsMerged':
      return { names: [[change.data.groupId, change.data.name]], moves: (change.data.joined ?? change.data.members).map((m) => [m, change.data.groupId]) };
    case 'GroupSplit': {
      // The remaining members stay where they are: only those who leave or split off move.
      const { newGroups, leftMembers } = change.data;
      return {
        names: newGroups.map((g) => [g.groupId, g.name]),
        moves: [...leftMembers.map((m): [string, null] => [m, null]), ...newGroups.flatMap((g) => g.members.map((m): [string, string] => [m, g.groupId]))],
      };
    }
    case 'GroupMemberJoined':
      return { names: [], moves: [[change.data.customerId, change.data.groupId]] };
    case 'GroupMemberLeft':
      return { names: [], moves: [[change.data.customerId, null]] };
    case 'GroupDissolved':
      return { names: [], moves: change.data.members.map((m) => [m, null]) };
    default: {
      const unhandled: never = change;
      return unhandled;
    }
  }
}

export function evolveRelation(state: BookState, event: RelationEvent, effectiveDate: BusinessDate): BookState {
  switch (event.type) {
    case 'RelationRecorded': {
      const { relationId, from, to, relationType, share } = event.data;
      // decide() refuses relations between unregistered customers, so both kinds are known.
      const kindOf = (id: string) => state.customers.get(id)?.kind ?? 'enterprise';
      const relation: Relation = { relationId, from, to, relationType, share, fromKind: kindOf(from), toKind: kindOf(to), since: effectiveDate, until: null };
      const add = (list: readonly Relation[] = []) => [...list, relation];
      const index = updated(updated(state.relationsByCustomer, from, add), to, add);
      return { ...state, relations: state.relations.set(relationId, relation), relationsByCustomer: index, groupingDates: withDate(state.groupingDates, effectiveDate) };
    }
    case 'RelationRemoved': {
      const { relationId, from, to } = event.data;
      const relation = state.relations.get(relationId);
      if (!relation) return state;
      // Kept, ended: the relation was in force before the date it was removed on, and as-of decisions need it.
      const ended: Relation = { ...relation, until: effectiveDate };
      const replace = (list: readonly Relation[] = []) => list.map((r) => (r.relationId === relationId ? ended : r));
      const index = updated(updated(state.relationsByCustomer, from, replace), to, replace);
      return { ...state, relations: state.relations.set(relationId, ended), relationsByCustomer: index, groupingDates: withDate(state.groupingDates, effectiveDate) };
    }
    case 'GroupFormed':
    case 'GroupsMerged':
    case 'GroupSplit':
    case 'GroupMemberJoined':
    case 'GroupMemberLeft':
    case 'GroupDissolved': {
      const date = event.data.effectiveFrom ?? effectiveDate;
      const { names, moves } = movesOf(event);
      let next: BookState = { ...state, groupingDates: withDate(state.groupingDates, date) };
      for (const [groupId, name] of names) next = named(next, groupId, name);
      for (const [customerId, groupId] of moves) next = assign(next, customerId, groupId, date);
      return next;
    }
    default: {
      const unhandled: never = event;
      return unhandled;
    }
  }
}
