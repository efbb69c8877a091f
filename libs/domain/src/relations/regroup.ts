import { BookState } from '../book/book.state';
import { graphOf, groupingOf } from '../book/book-graph';
import { affectedComponent, identifyGroups } from '../groups/group-graph';
import { diffGroups, GroupChange } from '../groups/group-changes';
import { BusinessDate } from '../shared/business-date';
import { LATEST, policyOn } from '../shared/policy';

export function groupIdOf(sequence: number): string {
  return `G${String(sequence).padStart(6, '0')}`;
}

/**
 * What a change did to the relation graph, which says where the affected component is largest: a link only
 * grows components (walk the graph after it), an unlink only shrinks them (walk the graph before it, which
 * also holds every piece it may be cut into), and a new control threshold can move any group.
 */
export type GraphChange = { linked: readonly string[] } | { unlinked: readonly string[] } | 'threshold';

/** The membership changes between two states of the relation graph, recomputing only the affected component. */
export function regroup(before: BookState, after: BookState, change: GraphChange, date: BusinessDate): GroupChange[] {
  const afterGraph = graphOf(after);
  const component =
    change === 'threshold'
      ? new Set(after.customers.keys())
      : 'linked' in change
        ? affectedComponent(afterGraph, change.linked)
        : affectedComponent(graphOf(before), change.unlinked);
  // Groups are the book as it stands now, so they follow the control threshold in force today.
  const parts = identifyGroups(afterGraph, component, policyOn(after.policyChanges, LATEST).equityControlThreshold);
  let sequence = before.groupSeq;
  return diffGroups(groupingOf(before, date), component, parts, () => groupIdOf(++sequence));
}
