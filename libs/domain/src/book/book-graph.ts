import { GraphView, RelationView } from '../groups/group-graph';
import { GroupingBefore } from '../groups/group-changes';
import { BusinessDate } from '../shared/business-date';
import { measuresOf } from '../caps/measures';
import { BookState } from './book.state';

/** The write model seen as the relation graph the group identification works on. */
export function graphOf(state: BookState): GraphView {
  return {
    kindOf: (id) => state.customers.get(id)?.kind,
    nameOf: (id) => state.customers.get(id)?.name ?? id,
    *relationsOf(id): Iterable<RelationView> {
      for (const relationId of state.relationsByCustomer.get(id) ?? []) {
        const r = state.relations.get(relationId);
        if (r) yield { relationId, from: r.from, to: r.to, type: r.relationType, share: r.share ?? undefined };
      }
    },
  };
}

export function groupingOf(state: BookState, date: BusinessDate): GroupingBefore {
  return {
    groupOf: (customerId) => state.groupOf.get(customerId),
    membersOf: (groupId) => state.groups.get(groupId)?.members.toArray() ?? [],
    reportedLimitOf: (groupId) => measuresOf(state, { subjectType: 'group', groupId }, date).limit,
  };
}
