import { GroupPart } from './group-graph.types';
import { compareIds } from './id-order';

export interface NewGroup {
  groupId: string;
  name: string;
  members: string[];
}

/**
 * `effectiveFrom`: the business date the change holds from, when that is not the effective date of the command that
 * recorded it. A relation change dated D regroups from D on, and restates the grouping on each later date on
 * which grouping changed (domain.md section 1, membership over time): those restatements carry their own date.
 */
type Dated = { effectiveFrom?: string };

export type GroupChange =
  | { type: 'GroupFormed'; data: { groupId: string; name: string; members: string[] } & Dated }
  /**
   * `joined`: the members that were not in the surviving group before, the only ones whose group the merge
   * changes (the write model and the read side record a membership for exactly these). Logs written before it
   * existed have none: every member is taken as joined.
   */
  | { type: 'GroupsMerged'; data: { groupId: string; name: string; absorbedGroupIds: string[]; members: string[]; joined?: string[] } & Dated }
  | { type: 'GroupSplit'; data: { groupId: string; remainingMembers: string[]; newGroups: NewGroup[]; leftMembers: string[] } & Dated }
  | { type: 'GroupMemberJoined'; data: { groupId: string; customerId: string } & Dated }
  | { type: 'GroupMemberLeft'; data: { groupId: string; customerId: string } & Dated }
  | { type: 'GroupDissolved'; data: { groupId: string; members: string[] } & Dated };

export interface GroupingBefore {
  groupOf(customerId: string): string | undefined;
  membersOf(groupId: string): readonly string[];
  /** Reported comprehensive limit of the group, in fen; decides which id survives a merge. */
  reportedLimitOf(groupId: string): bigint;
  /** The name recorded for the group: a group that continues keeps it (domain.md section 1, group identity). */
  nameOf(groupId: string): string | undefined;
}

interface Part {
  members: string[];
  name: string;
}

/**
 * The events that turn the old grouping of `component` into `after` (see applyGroupChange for their meaning).
 *
 * Identity: an old group continues on the part holding most of its members (tie: the part holding its
 * smallest member), provided that is at least two of them, since a group id never names fewer than two members.
 * A part continued by several old groups is their merge; the survivor has the larger reported limit (tie:
 * the smaller id). A part continued by none gets a fresh id. An old group continued by no part is dissolved.
 * Ids and names travel together: a merge keeps the surviving group's recorded name (the part's name, i.e. its
 * head's, only when none is recorded); only a group with a fresh id takes its part's name.
 *
 * Order: departures (splits, lefts, dissolutions, by old group id) before arrivals (merges and joins by
 * surviving id, then formations by smallest member), so every event sees a valid grouping and only names
 * groups that exist. newGroupId() is called in event order. An unchanged group yields no event.
 *
 * `component` must hold every member of every old group it touches, and every member of `after`.
 */
export function diffGroups(
  before: GroupingBefore,
  component: Iterable<string>,
  after: GroupPart[],
  newGroupId: () => string,
): GroupChange[] {
  const inComponent = new Set(component);
  const { groups: oldMembers, groupOf: oldGroupOf } = oldGroupsIn(before, inComponent);
  const parts: Part[] = after.map((p) => ({ members: [...p.members].sort(), name: p.name }));
  parts.sort((a, b) => compareIds(a.members[0], b.members[0]));
  const partOf = new Map<string, number>();
  parts.forEach((part, index) => {
    for (const member of part.members) {
      if (!inComponent.has(member)) throw new Error(`group member ${member} is outside the component`);
      if (partOf.has(member)) throw new Error(`customer ${member} is in two groups`);
      partOf.set(member, index);
    }
  });
  const oldIds = [...oldMembers.keys()].sort(compareIds);

  const continuation = new Map<string, number>();
  const claimants = new Map<number, string[]>();
  for (const groupId of oldIds) {
    const part = continuationOf(oldMembers.get(groupId) as string[], partOf);
    if (part === undefined) continue;
    continuation.set(groupId, part);
    const list = claimants.get(part);
    if (list) list.push(groupId);
    else claimants.set(part, [groupId]);
  }
  const survivorOf = new Map<number, string>();
  for (const [part, ids] of claimants) survivorOf.set(part, survivor(ids, before));

  const departures: GroupChange[] = [];
  const createdBySplit = new Set<number>();
  for (const groupId of oldIds) {
    const unordered = oldMembers.get(groupId) as string[];
    const kept = continuation.get(groupId);
    // Events list members sorted; a group that continues whole (every group of a merge) needs no sorting.
    if (kept !== undefined && unordered.every((m) => partOf.get(m) === kept)) continue;
    const members = [...unordered].sort(compareIds);
    if (kept === undefined) {
      departures.push({ type: 'GroupDissolved', data: { groupId, members } });
      continue;
    }
    const departing = members.filter((m) => partOf.get(m) !== kept);
    const ownMembers = new Set(members);
    const newGroups: NewGroup[] = [];
    const splitOff = new Set<number>();
    for (const m of departing) {
      const part = partOf.get(m);
      if (part !== undefined && !splitOff.has(part) && parts[part].members.every((x) => ownMembers.has(x))) splitOff.add(part);
    }
    for (const part of [...splitOff].sort((a, b) => a - b)) {
      createdBySplit.add(part);
      newGroups.push({ groupId: newGroupId(), name: parts[part].name, members: parts[part].members });
    }
    const leftMembers = departing.filter((m) => !splitOff.has(partOf.get(m) ?? -1));
    if (newGroups.length === 0 && leftMembers.length === 1) {
      departures.push({ type: 'GroupMemberLeft', data: { groupId, customerId: leftMembers[0] } });
    } else {
      const remainingMembers = members.filter((m) => partOf.get(m) === kept);
      departures.push({ type: 'GroupSplit', data: { groupId, remainingMembers, newGroups, leftMembers } });
    }
  }

  const arrivals: GroupChange[] = [];
  const continued = [...survivorOf.entries()].sort((a, b) => compareIds(a[1], b[1]));
  for (const [part, groupId] of continued) {
    const { members } = parts[part];
    const name = before.nameOf(groupId) ?? parts[part].name;
    const absorbedGroupIds = (claimants.get(part) as string[]).filter((id) => id !== groupId);
    if (absorbedGroupIds.length > 0) {
      const joined = members.filter((m) => oldGroupOf.get(m) !== groupId);
      arrivals.push({ type: 'GroupsMerged', data: { groupId, name, absorbedGroupIds, members, joined } });
      continue;
    }
    // Everyone else in the part is standalone by now: their old groups continue elsewhere or were dissolved.
    for (const customerId of members) {
      if (oldGroupOf.get(customerId) !== groupId) arrivals.push({ type: 'GroupMemberJoined', data: { groupId, customerId } });
    }
  }
  parts.forEach(({ members, name }, part) => {
    if (claimants.has(part) || createdBySplit.has(part)) return;
    arrivals.push({ type: 'GroupFormed', data: { groupId: newGroupId(), name, members } });
  });
  return [...departures, ...arrivals];
}

/**
 * The old groups touching the component, each with its members in no particular order, and each grouped
 * customer's old group.
 * A group's member list answers for all its members at once, so the grouping is asked once per group and once
 * per customer that stood alone, not once per member: a merge of two 1,000-member groups asks twice.
 */
function oldGroupsIn(before: GroupingBefore, component: Set<string>): { groups: Map<string, string[]>; groupOf: Map<string, string> } {
  const groups = new Map<string, string[]>();
  const groupOf = new Map<string, string>();
  for (const customer of component) {
    if (groupOf.has(customer)) continue;
    const groupId = before.groupOf(customer);
    if (groupId === undefined) continue;
    const members = [...before.membersOf(groupId)];
    for (const m of members) {
      if (!component.has(m)) throw new Error(`component is not closed: ${m} of group ${groupId} is outside it`);
      groupOf.set(m, groupId);
    }
    groups.set(groupId, members);
  }
  return { groups, groupOf };
}

/**
 * The part a group continues on: the one holding most of its members (tie: the one holding its smallest member).
 * `members` in any order.
 */
function continuationOf(members: string[], partOf: Map<string, number>): number | undefined {
  const counts = new Map<number, { count: number; smallest: string }>();
  for (const m of members) {
    const part = partOf.get(m);
    if (part === undefined) continue;
    const held = counts.get(part);
    if (!held) counts.set(part, { count: 1, smallest: m });
    else {
      held.count++;
      if (compareIds(m, held.smallest) < 0) held.smallest = m;
    }
  }
  let best: number | undefined;
  let bestSmallest = '';
  // A group continues on a part holding at least two of its members. The one exception: a restated later date
  // (relations/regroup.ts) can find a group recorded there with a single member left, the others moved by the
  // change being restated; it continues on the part holding that member, so its id is not dissolved and reissued.
  let bestCount = members.length === 1 ? 0 : 1;
  for (const [part, { count, smallest }] of counts) {
    if (count > bestCount || (count === bestCount && best !== undefined && compareIds(smallest, bestSmallest) < 0)) {
      best = part;
      bestCount = count;
      bestSmallest = smallest;
    }
  }
  return best;
}

function survivor(groupIds: string[], before: GroupingBefore): string {
  // reportedLimitOf may be costly (it sums the group's limits): ask once per group.
  const ranked = groupIds.map((id) => ({ id, limit: before.reportedLimitOf(id) }));
  return ranked.reduce((best, g) => (g.limit > best.limit || (g.limit === best.limit && compareIds(g.id, best.id) < 0) ? g : best)).id;
}
