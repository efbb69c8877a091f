import { Set as ISet } from 'immutable';
import { BookState, Membership, Relation } from '../book/book.state';
import { RelationEvent } from './relation.events';
import { BookEvent } from '../book/book.events';
import { BusinessDate, internedDate } from '../shared/business-date';
import { appended } from '../shared/held-array';
import { withDate } from '../book/book-on-date';
import { GroupChange } from '../groups/group-changes';
import { updated } from '../book/id-map';

/** Group ids are "G" plus a zero-padded sequence; replay recovers the counter from the ids themselves. */
export function groupSequenceOf(groupId: string): number {
  const n = Number(groupId.slice(1));
  return Number.isInteger(n) ? n : 0;
}

/**
 * Puts each customer in its group (null: standalone) from the date on, until its next recorded membership: every
 * customer a group event moves gets an entry, exactly the rows the read side writes (apply-event.ts), so both
 * read the same grouping on every date. Where the entry is the customer's latest, the book today changes too.
 * One event can move a thousand members: each map is changed in one pass (withMutations), each group once.
 */
function assign(state: BookState, moves: readonly (readonly [string, string | null])[], from: BusinessDate): BookState {
  const joinedBy = new Map<string, string[]>();
  const today: TodayMove[] = [];
  // One entry per group the event moves people to, shared by all of them: an entry is never changed, only replaced.
  const entries = new Map<string | null, Membership>();
  const entryFor = (groupId: string | null): Membership => {
    let entry = entries.get(groupId);
    if (entry === undefined) entries.set(groupId, (entry = { from: internedDate(from), groupId }));
    return entry;
  };
  const memberships = state.memberships.withMutations((map) => {
    // Every map below is keyed by the id string it is given (set() keeps its key), so the ids must be the customers'
    // own strings, not an event's copies: decide's changes are made of them, and the writer's replay swaps a logged
    // change's copies for them first (withOwnIds). Not looked up here: a merge moves a thousand members.
    for (const [customerId, groupId] of moves) {
      const history = map.get(customerId) ?? [];
      const last = history.length === 0 ? undefined : history[history.length - 1];
      const isLatest = last === undefined || last.from <= from;
      const entry = entryFor(groupId);
      map.set(
        customerId,
        isLatest
          ? appended(last?.from === from ? history.slice(0, -1) : history, entry)
          : appended(history.filter((m) => m.from !== from), entry).sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0)),
      );
      if (groupId !== null) listIn(joinedBy, groupId).push(customerId);
      // The latest entry is the group today (groupOf is kept from the latest entries): no second look-up.
      if (isLatest) today.push([customerId, groupId, last?.groupId ?? undefined]);
    }
  });
  const everInGroup = state.everInGroup.withMutations((map) => {
    for (const [groupId, customers] of joinedBy) {
      map.set(groupId, withNew(map.get(groupId) ?? [], customers));
    }
  });
  return moveToday({ ...state, memberships, everInGroup }, today);
}

/** The list with the customers it does not hold yet appended: a new array only when there is one. */
function withNew(list: readonly string[], customers: readonly string[]): readonly string[] {
  const known = new Set(list);
  const added = customers.filter((c) => !known.has(c) && known.add(c));
  return added.length === 0 ? list : [...list, ...added];
}

function listIn(map: Map<string, string[]>, key: string): string[] {
  let list = map.get(key);
  if (!list) map.set(key, (list = []));
  return list;
}

/** A customer's move in the book today: to a group (null: standalone), from its group today (undefined: none). */
type TodayMove = readonly [customerId: string, groupId: string | null, current: string | undefined];

/** The book today: customers leave their groups (a group dropped once empty) and join the new ones. */
function moveToday(state: BookState, moves: readonly TodayMove[]): BookState {
  const leaving = new Map<string, string[]>();
  const joining = new Map<string, string[]>();
  const groupOf = state.groupOf.withMutations((map) => {
    for (const [customerId, groupId, current] of moves) {
      if (current === (groupId ?? undefined)) continue;
      if (current !== undefined) listIn(leaving, current).push(customerId);
      if (groupId === null) map.remove(customerId);
      else {
        map.set(customerId, groupId);
        listIn(joining, groupId).push(customerId);
      }
    }
  });
  const groups = state.groups.withMutations((map) => {
    for (const groupId of new Set([...leaving.keys(), ...joining.keys()])) {
      const group = map.get(groupId);
      // A group everyone leaves (one a merge absorbs) is dropped whole, not emptied member by member.
      if (group && !joining.has(groupId) && leaving.get(groupId)?.length === group.members.size) {
        map.remove(groupId);
        continue;
      }
      // Removed one by one: ISet#subtract tests every member against the whole list it is given.
      const members = (group?.members ?? ISet<string>()).withMutations((set) => {
        for (const c of leaving.get(groupId) ?? []) set.remove(c);
        for (const c of joining.get(groupId) ?? []) set.add(c);
      });
      if (members.isEmpty()) map.remove(groupId);
      else map.set(groupId, { groupId, name: group?.name ?? state.groupNames.get(groupId) ?? groupId, members });
    }
  });
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

/**
 * Every relation event's type, checked against the union: a relation event added to RelationEvent fails to compile
 * until it is listed here, so the writer's replay (book.evolve.ts withBookIds) cannot miss the ids it carries.
 */
const RELATION_EVENT_TYPES: ReadonlySet<string> = new Set(
  Object.keys({
    RelationRecorded: true,
    RelationRemoved: true,
    GroupFormed: true,
    GroupsMerged: true,
    GroupSplit: true,
    GroupMemberJoined: true,
    GroupMemberLeft: true,
    GroupDissolved: true,
  } satisfies Record<RelationEvent['type'], true>),
);

/** The events evolveRelation takes: the only ones that list customer ids (withOwnIds swaps them for the book's own). */
export function isRelationEvent(event: BookEvent): event is RelationEvent {
  return RELATION_EVENT_TYPES.has(event.type);
}

/**
 * The change with every customer id in it replaced by the customer's own id string. A logged change is parsed afresh,
 * each id a copy, and evolve keys memberships and group sets by the ids it is given: without this, every member of
 * every replayed change would hold a copy of its id for as long as the fact lives.
 */
export function withOwnIds(state: BookState, event: RelationEvent): RelationEvent {
  const own = (id: string) => state.customers.get(id)?.customerId ?? id;
  const owned = (ids: string[]) => ids.map(own);
  switch (event.type) {
    case 'RelationRecorded':
    case 'RelationRemoved':
      // Their evolve looks the endpoints up anyway (for their kinds) and keeps the customers' own strings.
      return event;
    case 'GroupFormed':
      return { ...event, data: { ...event.data, members: owned(event.data.members) } };
    case 'GroupDissolved':
      return { ...event, data: { ...event.data, members: owned(event.data.members) } };
    case 'GroupsMerged': {
      const { members, joined } = event.data;
      return { ...event, data: { ...event.data, members: owned(members), ...(joined ? { joined: owned(joined) } : {}) } };
    }
    case 'GroupSplit': {
      const { remainingMembers, leftMembers, newGroups } = event.data;
      const split = { remainingMembers: owned(remainingMembers), leftMembers: owned(leftMembers), newGroups: newGroups.map((g) => ({ ...g, members: owned(g.members) })) };
      return { ...event, data: { ...event.data, ...split } };
    }
    case 'GroupMemberJoined':
      return { ...event, data: { ...event.data, customerId: own(event.data.customerId) } };
    case 'GroupMemberLeft':
      return { ...event, data: { ...event.data, customerId: own(event.data.customerId) } };
    default: {
      const unhandled: never = event;
      return unhandled;
    }
  }
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
      const { relationId, relationType, share } = event.data;
      // decide() refuses relations between unregistered customers, so both are known: their kinds, and their own id
      // strings, kept rather than the event's copies (a log's events are parsed afresh, each with its own).
      const [from, to] = [state.customers.get(event.data.from), state.customers.get(event.data.to)];
      const relation: Relation = {
        relationId,
        from: from?.customerId ?? event.data.from,
        to: to?.customerId ?? event.data.to,
        relationType,
        share,
        fromKind: from?.kind ?? 'enterprise',
        toKind: to?.kind ?? 'enterprise',
        since: effectiveDate,
        until: null,
      };
      const add = (list: readonly Relation[] = []) => appended(list, relation);
      const index = updated(updated(state.relationsByCustomer, relation.from, add), relation.to, add);
      const economicTies = relationType === 'economic-dependence' ? updated(updated(state.economicTies, relation.from, add), relation.to, add) : state.economicTies;
      return { ...state, relations: state.relations.set(relationId, relation), relationsByCustomer: index, economicTies, groupingDates: withDate(state.groupingDates, effectiveDate) };
    }
    case 'RelationRemoved': {
      const relation = state.relations.get(event.data.relationId);
      if (!relation) return state;
      // Kept, ended: the relation was in force before the date it was removed on, and as-of decisions need it.
      // Keyed by its own id strings throughout: set() keeps the key it is given, and the event's are copies.
      const { relationId, from, to } = relation;
      const ended: Relation = { ...relation, until: effectiveDate };
      const replace = (list: readonly Relation[] = []) => list.map((r) => (r.relationId === relationId ? ended : r));
      const index = updated(updated(state.relationsByCustomer, from, replace), to, replace);
      const economicTies = relation.relationType === 'economic-dependence' ? updated(updated(state.economicTies, from, replace), to, replace) : state.economicTies;
      return { ...state, relations: state.relations.set(relationId, ended), relationsByCustomer: index, economicTies, groupingDates: withDate(state.groupingDates, effectiveDate) };
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
      return assign(next, moves, date);
    }
    default: {
      const unhandled: never = event;
      return unhandled;
    }
  }
}
