import { CustomerKind, GraphView, RelationView } from '../groups/group-graph';
import { GroupingBefore } from '../groups/group-changes';
import { BusinessDate } from '../shared/business-date';
import { GroupSums } from '../caps/group-sums';
import { BookState } from './book.state';
import { groupOn, inForce, membersOn } from './book-on-date';

/**
 * The write model seen as the relation graph the group identification works on: the relations in force on the
 * date (domain.md section 1, membership over time). One view serves one decision: each customer's relations are
 * looked up once and remembered, since the component walk and the control computation visit the same customers.
 */
export function graphOn(state: BookState, date: BusinessDate): GraphView {
  const relations = new Map<string, RelationView[]>();
  const kinds = new Map<string, CustomerKind | undefined>();
  return {
    kindOf(id) {
      if (!kinds.has(id)) kinds.set(id, state.customers.get(id)?.kind);
      return kinds.get(id);
    },
    nameOf: (id) => state.customers.get(id)?.name ?? id,
    relationsOf(id): Iterable<RelationView> {
      let list = relations.get(id);
      if (!list) {
        list = [];
        for (const r of state.relationsByCustomer.get(id) ?? []) {
          if (!inForce(r, date)) continue;
          list.push({ relationId: r.relationId, from: r.from, to: r.to, type: r.relationType, share: r.share ?? undefined });
          kinds.set(r.from, r.fromKind);
          kinds.set(r.to, r.toKind);
        }
        relations.set(id, list);
      }
      return list;
    },
  };
}

/**
 * The grouping the log records on the date, which group identification's changes are measured against. `sums`: the
 * decision's, which the merged group's cap check can then add up instead of summing its members again.
 */
export function groupingOn(state: BookState, date: BusinessDate, sums: GroupSums = new GroupSums()): GroupingBefore {
  // Asked repeatedly while ranking merge candidates; each answer sums a whole group.
  const reported = new Map<string, bigint>();
  // A merge reads each group's members twice (which groups a link joins, then what they were): list them once.
  const members = new Map<string, readonly string[]>();
  return {
    groupOf: (customerId) => groupOn(state, customerId, date),
    membersOf(groupId) {
      let list = members.get(groupId);
      if (list === undefined) members.set(groupId, (list = membersOn(state, groupId, date)));
      return list;
    },
    // A group's name never changes while its id lives (merges keep the survivor's), so today's record serves any date.
    nameOf: (groupId) => state.groupNames.get(groupId),
    reportedLimitOf(groupId) {
      let limit = reported.get(groupId);
      if (limit === undefined) {
        limit = sums.kept(state, { subjectType: 'group', groupId }, date).limit;
        reported.set(groupId, limit);
      }
      return limit;
    },
  };
}
