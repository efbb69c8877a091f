import { GroupingBefore } from './group-changes';
import { GraphView, GroupPart, isLegalPerson } from './group-graph.types';

/**
 * What a `deemed-group` link between two legal persons does to the grouping on its own date, read off the
 * grouping before it instead of identifying the component again (domain.md section 1, Grouping).
 *
 * Why that is exact: control blocs are built from control, equity and family relations only, so a deemed-group
 * link changes nobody's control, and identification (group-graph.ts identifyGroups) only unites the connected
 * sets of its two endpoints. The legal persons of a legal person's connected set are its group, or the person
 * alone when it stands alone (a set holding a second legal person is a group). The grouping on the link's date
 * is the identification of the relations in force without the link (relations/regroup.ts keeps every date so),
 * so the part the link leaves is the union of the endpoints' groups; every other group is untouched.
 *
 * Returns undefined (identify the component as usual) when an endpoint is a natural person or a regulator, whose
 * connected set holds more than its group, or when both stood alone: a fresh group is then named after its head,
 * which only identification finds. `name` is never used otherwise: a group of the part continues on it and keeps
 * its recorded name (group-changes.ts diffGroups).
 */
export function deemedGroupJoin(
  graph: Pick<GraphView, 'kindOf'>,
  grouping: Pick<GroupingBefore, 'groupOf' | 'membersOf' | 'nameOf'>,
  from: string,
  to: string,
): { component: string[]; parts: GroupPart[] } | undefined {
  if (!isLegalPerson(graph.kindOf(from)) || !isLegalPerson(graph.kindOf(to))) return undefined;
  const fromGroup = grouping.groupOf(from);
  const toGroup = grouping.groupOf(to);
  if (fromGroup === undefined && toGroup === undefined) return undefined;
  const side = (customerId: string, groupId: string | undefined): readonly string[] => (groupId === undefined ? [customerId] : grouping.membersOf(groupId));
  const members = fromGroup === toGroup ? [...side(from, fromGroup)] : [...side(from, fromGroup), ...side(to, toGroup)];
  const name = grouping.nameOf((fromGroup ?? toGroup) as string) ?? from;
  return { component: members, parts: [{ members: [...members].sort(), name }] };
}
