import { ControlBlocs } from './control-bloc';
import { GraphView, GroupPart, isLegalPerson, joinsNoGroup, roleOf, RelationType } from './group-graph.types';
import { compareIds } from './id-order';
import { influenceOrder } from './influence-order';
import { buildLocalGraph } from './local-graph';
import { UnionFind } from './union-find';

export type { CustomerKind, GraphView, GroupPart, RelationType, RelationView } from './group-graph.types';
export { isLegalPerson, joinsNoGroup } from './group-graph.types';

function canConnect(type: RelationType): boolean {
  return roleOf(type) !== 'related-only';
}

/**
 * Customers whose grouping may change when relations touching `seeds` change: the connected component of
 * the seeds over control-relevant relations (equity, voting, board, agreement, consolidation, family,
 * deemed-group), walked in both directions, never walking through a state-asset regulator (its control never
 * joins its subsidiaries, so it cannot connect anything). Costs O(component), not O(graph).
 *
 * Regulators are never in the result, seeds included: they are never grouped, so their grouping cannot change.
 */
export function affectedComponent(graph: GraphView, seeds: Iterable<string>): Set<string> {
  const seen = new Set<string>();
  const queue: string[] = [];
  const visit = (id: string): void => {
    if (seen.has(id) || joinsNoGroup(graph.kindOf(id))) return;
    seen.add(id);
    queue.push(id);
  };
  for (const seed of seeds) visit(seed);
  for (let k = 0; k < queue.length; k++) {
    const id = queue[k];
    for (const relation of graph.relationsOf(id)) {
      if (canConnect(relation.type)) visit(relation.from === id ? relation.to : relation.from);
    }
  }
  return seen;
}

/**
 * Partition the given component into groups (parts with >= 2 legal-person customers). Customers of the
 * component not in any returned part are standalone. The component must be closed under control-relevant
 * relations (affectedComponent, or the whole graph); relations leaving it are ignored.
 * Parts are sorted by their first member.
 *
 * Connectivity (domain.md §1, Grouping): every bloc connects its root and everything it controls. A family
 * relation by itself connects nobody; the companies of different relatives are one group only when some
 * natural person's bloc (that person and its direct relatives) holds both controllers, or when a chain of
 * such blocs runs through controlled parties. So spouses' companies are one group (either spouse's bloc
 * holds both); with family links H-W, W-S, S-T, the companies of H and of S are one group through W's bloc
 * {W, H, S}, but a company of H and one of T are not: no bloc holds both H and T, and reaching T from H
 * through relatives of relatives would be the transitive family closure §1 does not make. Hence a bloc's
 * relatives are pooled holders but are not united with it: W's bloc does not connect H's companies to
 * whatever S's own bloc (with T) controls.
 *
 * Cost is about linear in the component: blocs are computed in influence order (holders before holdings),
 * and a legal person already inside a computed bloc needs no bloc of its own for grouping, because
 * everything it controls is in that bloc too. Only legal persons not controlled by an earlier member get
 * their own bloc, to find who heads the group. Every natural person gets its own bloc, since it is no
 * subset of a relative's (S's bloc holds T, W's does not), so a person's holdings are walked once per
 * person in its close family (a handful). (A bloc shared by many independent controllers, or a ring of
 * cross-holdings, is walked once per controller; real groups have one top controller.)
 */
export function identifyGroups(graph: GraphView, component: Iterable<string>, equityControlThreshold: string): GroupPart[] {
  const local = buildLocalGraph(graph, component);
  const { ids, kinds, controlOut, equityOut } = local;
  const n = ids.length;
  const legal = kinds.map(isLegalPerson);
  const { order, rank } = influenceOrder(n, {
    count: (node) => controlOut[node].length + equityOut[node].length,
    at: (node, k) => (k < controlOut[node].length ? controlOut[node][k] : equityOut[node][k - controlOut[node].length].to),
  });
  const blocs = new ControlBlocs(local, equityControlThreshold);
  const connected = new UnionFind(n);

  const covered = new Uint8Array(n);
  const NOT_CONTROLLED = 0x7fffffff;
  // Influence rank of the first legal person found controlling the node; ranks only grow along `order`.
  const controlledFromRank = new Int32Array(n).fill(NOT_CONTROLLED);
  const controlledMembers = new Int32Array(n);

  for (const node of order) {
    const needsGrouping = !covered[node];
    // A member controlled from an earlier rank is no head, and its controller's bloc already holds
    // everything it controls. Within one rank (a cross-holding) everyone needs its own bloc.
    const needsHeadCheck = legal[node] && controlledFromRank[node] >= rank[node];
    if (!needsGrouping && !needsHeadCheck) continue;
    const { members, relatives } = blocs.blocOf(node);
    let count = 0;
    for (let k = 0; k < members.length; k++) {
      // Relatives (members 1..relatives) pool their holdings but are not controlled: they stay uncovered,
      // to get blocs of their own, and unconnected, so that family links never chain.
      if (k >= 1 && k <= relatives) continue;
      const member = members[k];
      covered[member] = 1;
      connected.union(node, member);
      if (member === node || !legal[node]) continue;
      if (controlledFromRank[member] === NOT_CONTROLLED) controlledFromRank[member] = rank[node];
      if (legal[member]) count++;
    }
    controlledMembers[node] = count;
  }
  for (const [a, b] of local.deemedGroup) connected.union(a, b);

  const byRoot = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    if (!legal[i]) continue;
    const root = connected.find(i);
    const part = byRoot.get(root);
    if (part) part.push(i);
    else byRoot.set(root, [i]);
  }

  const parts: GroupPart[] = [];
  for (const part of byRoot.values()) {
    if (part.length < 2) continue;
    const head = headOf(part, ids, (i) => controlledFromRank[i] !== NOT_CONTROLLED, controlledMembers);
    parts.push({ members: part.map((i) => ids[i]).sort(), name: graph.nameOf(ids[head]) });
  }
  return parts.sort((a, b) => compareIds(a.members[0], b.members[0]));
}

/**
 * The member controlled by no other member, preferring the one controlling the most members (tie: smallest
 * id); when every member is controlled (a cross-holding at the top), the smallest id.
 */
function headOf(part: number[], ids: string[], isControlled: (i: number) => boolean, controlledMembers: Int32Array): number {
  let head = -1;
  for (const i of part) {
    if (isControlled(i)) continue;
    if (
      head < 0 ||
      controlledMembers[i] > controlledMembers[head] ||
      (controlledMembers[i] === controlledMembers[head] && compareIds(ids[i], ids[head]) < 0)
    ) {
      head = i;
    }
  }
  if (head >= 0) return head;
  return part.reduce((smallest, i) => (compareIds(ids[i], ids[smallest]) < 0 ? i : smallest));
}
