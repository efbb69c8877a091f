import { BookState } from '../book/book.state';
import { graphOf, groupingOf } from '../book/book-graph';
import { affectedComponent, identifyGroups } from '../groups/group-graph';
import { diffGroups, GroupChange } from '../groups/group-changes';
import { BusinessDate } from '../shared/business-date';

export function groupIdOf(sequence: number): string {
  return `G${String(sequence).padStart(6, '0')}`;
}

/**
 * The membership changes between two states of the relation graph. Only the component around `seeds`
 * (before and after the change: an unlink can cut it in two) is recomputed, never the whole book;
 * seeds 'all' is for a change of the equity control threshold, which can move any group.
 */
export function regroup(before: BookState, after: BookState, seeds: readonly string[] | 'all', date: BusinessDate): GroupChange[] {
  const component =
    seeds === 'all'
      ? new Set(after.customers.keys())
      : new Set([...affectedComponent(graphOf(before), seeds), ...affectedComponent(graphOf(after), seeds)]);
  const parts = identifyGroups(graphOf(after), component, after.policy.equityControlThreshold);
  let sequence = before.groupSeq;
  return diffGroups(groupingOf(before, date), component, parts, () => groupIdOf(++sequence));
}
