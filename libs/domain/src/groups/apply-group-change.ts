import { GroupChange } from './group-changes';
import { compareIds } from './id-order';

/**
 * The meaning of each GroupChange, as a reference: applies it to `groupOf` (customer -> group id) and
 * `members` (group id -> sorted members) in place. It refuses (throws) any change that does not fit the
 * grouping it is applied to, so a sequence that applies cleanly never names a missing group, never puts a
 * customer in two groups and never leaves a group with fewer than two members.
 */
export function applyGroupChange(groupOf: Map<string, string>, members: Map<string, string[]>, change: GroupChange): void {
  const existing = (groupId: string): string[] => {
    const list = members.get(groupId);
    if (!list) throw new Error(`${change.type}: group ${groupId} does not exist`);
    return list;
  };
  const create = (groupId: string, customers: readonly string[]): void => {
    if (members.has(groupId)) throw new Error(`${change.type}: group ${groupId} already exists`);
    set(groupId, customers);
  };
  const set = (groupId: string, customers: readonly string[]): void => {
    if (customers.length < 2) throw new Error(`${change.type}: group ${groupId} would have fewer than two members`);
    members.set(groupId, [...customers].sort(compareIds));
    for (const c of customers) groupOf.set(c, groupId);
  };
  const standalone = (customer: string): void => {
    const groupId = groupOf.get(customer);
    if (groupId !== undefined) throw new Error(`${change.type}: ${customer} is already in group ${groupId}`);
  };
  const remove = (groupId: string): void => {
    for (const c of existing(groupId)) groupOf.delete(c);
    members.delete(groupId);
  };

  switch (change.type) {
    case 'GroupFormed': {
      change.data.members.forEach(standalone);
      create(change.data.groupId, change.data.members);
      return;
    }
    case 'GroupsMerged': {
      const { groupId, absorbedGroupIds } = change.data;
      const involved = new Set([groupId, ...absorbedGroupIds]);
      if (involved.size !== absorbedGroupIds.length + 1) throw new Error(`${change.type}: repeated group id`);
      const before = [groupId, ...absorbedGroupIds].flatMap(existing);
      const listed = new Set(change.data.members);
      for (const c of before) if (!listed.has(c)) throw new Error(`${change.type}: ${c} missing from the merged members`);
      for (const c of change.data.members) {
        const current = groupOf.get(c);
        if (current !== undefined && !involved.has(current)) throw new Error(`${change.type}: ${c} is in another group ${current}`);
      }
      absorbedGroupIds.forEach(remove);
      set(groupId, change.data.members);
      return;
    }
    case 'GroupSplit': {
      const { groupId, remainingMembers, newGroups, leftMembers } = change.data;
      const current = existing(groupId);
      const after = [...remainingMembers, ...newGroups.flatMap((g) => g.members), ...leftMembers];
      if (after.length !== current.length || new Set(after).size !== after.length || after.some((c) => groupOf.get(c) !== groupId)) {
        throw new Error(`${change.type}: the parts are not a partition of group ${groupId}`);
      }
      remove(groupId);
      set(groupId, remainingMembers);
      for (const g of newGroups) create(g.groupId, g.members);
      return;
    }
    case 'GroupMemberJoined': {
      const { groupId, customerId } = change.data;
      const current = existing(groupId);
      standalone(customerId);
      set(groupId, [...current, customerId]);
      return;
    }
    case 'GroupMemberLeft': {
      const { groupId, customerId } = change.data;
      const current = existing(groupId);
      if (groupOf.get(customerId) !== groupId) throw new Error(`${change.type}: ${customerId} is not in group ${groupId}`);
      groupOf.delete(customerId);
      set(groupId, current.filter((c) => c !== customerId));
      return;
    }
    case 'GroupDissolved': {
      const { groupId } = change.data;
      const current = existing(groupId);
      const listed = [...change.data.members].sort(compareIds);
      if (listed.join('\u0000') !== current.join('\u0000')) throw new Error(`${change.type}: members do not match group ${groupId}`);
      remove(groupId);
      return;
    }
    default: {
      const unknown: never = change;
      throw new Error(`unknown group change ${JSON.stringify(unknown)}`);
    }
  }
}
