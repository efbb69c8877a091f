import { BookState } from '../book/book.state';
import { graphOn, groupingOn } from '../book/book-graph';
import { groupOn, membersOn } from '../book/book-on-date';
import { affectedComponent, GraphView, identifyGroups } from '../groups/group-graph';
import { diffGroups, GroupChange } from '../groups/group-changes';
import { deemedGroupJoin } from '../groups/deemed-group-join';
import { BusinessDate, dayBefore } from '../shared/business-date';
import { policyOn } from '../shared/policy';
import { GroupSums } from '../caps/group-sums';
import { evolveRelation } from './relation.evolve';

export function groupIdOf(sequence: number): string {
  return `G${String(sequence).padStart(6, '0')}`;
}

/**
 * What a change did to the relation graph: the customers whose grouping it may change (the endpoints of a
 * relation recorded or removed, and whether the relation recorded is a deemed-group link), or every customer
 * when the control threshold changed.
 */
export type GraphChange = { linked: readonly [string, string]; deemedGroup?: boolean } | { unlinked: readonly string[] } | 'threshold';

/**
 * The membership changes a relation change dated `date` makes (domain.md section 1, membership over time).
 * `after` is the book with the relation change applied. Groups on a date are identified over the relations in
 * force that date, so the change regroups from its date on: first on its own date, then on each later date on
 * which grouping changed (another relation, the control threshold), because what the log recorded there was
 * decided without this change. Each later date's changes carry it as `effectiveFrom`. A date on which nothing differs
 * yields no event, so a command dated today costs one identification of the affected component, as before (a
 * deemed-group link between legal persons none: groups/deemed-group-join.ts).
 */
export function regroup(before: BookState, after: BookState, change: GraphChange, date: BusinessDate, sums: GroupSums = new GroupSums()): GroupChange[] {
  const dates = [date, ...after.groupingDates.filter((d) => d > date)];
  const seeds = new Set(change === 'threshold' ? [] : 'linked' in change ? change.linked : change.unlinked);
  let state = after;
  let sequence = before.groupSeq;
  const out: GroupChange[] = [];
  for (const [k, on] of dates.entries()) {
    const graph = graphOn(state, on);
    const grouping = groupingOn(state, on, sums);
    // On its own date a deemed-group link between legal persons only joins their groups: no walk, no identification.
    const joined = k === 0 && change !== 'threshold' && 'linked' in change && change.deemedGroup ? deemedGroupJoin(graph, grouping, ...change.linked) : undefined;
    const component = joined
      ? joined.component
      : change === 'threshold'
        ? new Set(state.customers.keys())
        : k === 0 && 'linked' in change
          ? // On its own date a link only joins components, and the log's groups there are components of the
            // graph without it, so the seeds' component already holds every group it touches.
            affectedComponent(graph, seeds)
          : closedComponent(state, graph, seeds, on);
    const parts = joined ? joined.parts : identifyGroups(graph, component, policyOn(state.policyChanges, on).equityControlThreshold);
    const changes = diffGroups(grouping, component, parts, () => groupIdOf(++sequence));
    for (const found of on === date ? changes : continuingIds(state, changes, on)) {
      const dated = on === date ? found : ({ ...found, data: { ...found.data, effectiveFrom: on } } as GroupChange);
      out.push(dated);
      // The next date is identified against the grouping this one leaves; after the last one nobody looks.
      if (k < dates.length - 1) state = evolveRelation(state, dated, date);
      // Whoever this command moved must be looked at again on every later date: what the log recorded for
      // them there was decided against their old grouping. After the last date nobody looks (a merge moves thousands).
      if (k < dates.length - 1) for (const customerId of customersIn(found)) seeds.add(customerId);
    }
  }
  return out;
}

/**
 * On a later date the log's grouping was decided without this change, so a group the change keeps alive may be
 * recorded there as dissolved, and diffGroups() would form it again under a fresh id. A group formed on such a
 * date whose members were, the day before, most of one group that no longer exists that day keeps that group's
 * id and name: a group's id stays the same while its membership does not change (domain.md section 1).
 */
function continuingIds(state: BookState, changes: GroupChange[], on: BusinessDate): GroupChange[] {
  const dayBeforeOn = dayBefore(on);
  const used = new Set<string>();
  for (const change of changes) if (change.type !== 'GroupFormed') used.add(change.data.groupId);
  return changes.map((change) => {
    if (change.type !== 'GroupFormed') return change;
    const counts = new Map<string, number>();
    for (const m of change.data.members) {
      const g = groupOn(state, m, dayBeforeOn);
      if (g !== undefined) counts.set(g, (counts.get(g) ?? 0) + 1);
    }
    const [previous, count] = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0] ?? [];
    if (previous === undefined || (count ?? 0) < 2 || used.has(previous) || membersOn(state, previous, on).length > 0) return change;
    used.add(previous);
    return { type: 'GroupFormed', data: { ...change.data, groupId: previous, name: state.groupNames.get(previous) ?? change.data.name } };
  });
}

/**
 * The customers to identify on a date: the seeds' component over the relations in force, widened by every
 * group the log records for them on that date (a group that an unlink cuts in two, or one recorded before an
 * earlier-dated change), until closed under both, as diffGroups() needs.
 */
function closedComponent(state: BookState, graph: GraphView, seeds: Iterable<string>, on: BusinessDate): Set<string> {
  let component = affectedComponent(graph, seeds);
  for (;;) {
    const groupIds = new Set<string>();
    for (const customerId of component) {
      const groupId = groupOn(state, customerId, on);
      if (groupId !== undefined) groupIds.add(groupId);
    }
    let grew = false;
    for (const groupId of groupIds) {
      for (const member of membersOn(state, groupId, on)) {
        if (!component.has(member)) {
          component.add(member);
          grew = true;
        }
      }
    }
    if (!grew) return component;
    component = affectedComponent(graph, component);
  }
}

function customersIn(change: GroupChange): string[] {
  switch (change.type) {
    case 'GroupFormed':
    case 'GroupsMerged':
    case 'GroupDissolved':
      return change.data.members;
    case 'GroupSplit':
      return [...change.data.remainingMembers, ...change.data.leftMembers, ...change.data.newGroups.flatMap((g) => g.members)];
    case 'GroupMemberJoined':
    case 'GroupMemberLeft':
      return [change.data.customerId];
    default: {
      const unhandled: never = change;
      return unhandled;
    }
  }
}
