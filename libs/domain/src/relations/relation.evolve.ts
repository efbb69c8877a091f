import { Set as ISet } from 'immutable';
import { BookState, Group, Relation } from '../book/book.state';
import { RelationEvent } from './relation.events';
import { BusinessDate } from '../shared/business-date';

/** Group ids are "G" plus a zero-padded sequence; replay recovers the counter from the ids themselves. */
export function groupSequenceOf(groupId: string): number {
  const n = Number(groupId.slice(1));
  return Number.isInteger(n) ? n : 0;
}

function withGroup(state: BookState, group: Group): BookState {
  // Only members that move are written: a merge into a large group leaves the survivor's members alone.
  const groupOf = state.groupOf.withMutations((map) => {
    for (const m of group.members) if (map.get(m) !== group.groupId) map.set(m, group.groupId);
  });
  return {
    ...state,
    groups: state.groups.set(group.groupId, group),
    groupOf,
    groupSeq: Math.max(state.groupSeq, groupSequenceOf(group.groupId)),
  };
}

function withoutMembers(state: BookState, members: Iterable<string>): BookState {
  return { ...state, groupOf: state.groupOf.deleteAll(members) };
}

export function evolveRelation(state: BookState, event: RelationEvent, effectiveDate: BusinessDate): BookState {
  switch (event.type) {
    case 'RelationRecorded': {
      const { relationId, from, to, relationType, share } = event.data;
      // decide() refuses relations between unregistered customers, so both kinds are known.
      const kindOf = (id: string) => state.customers.get(id)?.kind ?? 'enterprise';
      const relation: Relation = { relationId, from, to, relationType, share, fromKind: kindOf(from), toKind: kindOf(to), since: effectiveDate };
      const add = (list: readonly Relation[] = []) => [...list, relation];
      const index = state.relationsByCustomer.update(from, add).update(to, add);
      return { ...state, relations: state.relations.set(relationId, relation), relationsByCustomer: index };
    }
    case 'RelationRemoved': {
      const { relationId, from, to } = event.data;
      const remove = (list: readonly Relation[] = []) => list.filter((r) => r.relationId !== relationId);
      const index = state.relationsByCustomer.update(from, remove).update(to, remove);
      return { ...state, relations: state.relations.remove(relationId), relationsByCustomer: index };
    }
    case 'GroupFormed': {
      const { groupId, name, members } = event.data;
      return withGroup(state, { groupId, name, members: ISet(members) });
    }
    case 'GroupsMerged': {
      const { groupId, name, absorbedGroupIds, members } = event.data;
      const next = { ...state, groups: state.groups.deleteAll(absorbedGroupIds) };
      return withGroup(next, { groupId, name, members: ISet(members) });
    }
    case 'GroupSplit': {
      const { groupId, remainingMembers, newGroups, leftMembers } = event.data;
      const old = state.groups.get(groupId);
      let next = withoutMembers(state, leftMembers);
      next = withGroup(next, { groupId, name: old?.name ?? groupId, members: ISet(remainingMembers) });
      for (const g of newGroups) next = withGroup(next, { groupId: g.groupId, name: g.name, members: ISet(g.members) });
      return next;
    }
    case 'GroupMemberJoined': {
      const { groupId, customerId } = event.data;
      const group = state.groups.get(groupId);
      if (!group) return state;
      return {
        ...state,
        groups: state.groups.set(groupId, { ...group, members: group.members.add(customerId) }),
        groupOf: state.groupOf.set(customerId, groupId),
      };
    }
    case 'GroupMemberLeft': {
      const { groupId, customerId } = event.data;
      const group = state.groups.get(groupId);
      const next = withoutMembers(state, [customerId]);
      return group ? { ...next, groups: next.groups.set(groupId, { ...group, members: group.members.remove(customerId) }) } : next;
    }
    case 'GroupDissolved': {
      const { groupId, members } = event.data;
      const next = withoutMembers(state, members);
      return { ...next, groups: next.groups.remove(groupId) };
    }
    default: {
      const unhandled: never = event;
      return unhandled;
    }
  }
}
