import { diffGroups } from './group-changes';
import { affectedComponent, identifyGroups } from './group-graph';
import { GraphView, RelationView } from './group-graph.types';
import { counter, InMemoryGrouping, InMemoryGraph } from './testing/in-memory-graph';

/**
 * A link merging two 1,000-member groups inside a 1,000,000-customer book must only touch the two groups.
 * Counts, never times: the walk must visit the ~2,000 customers of the merged component and nothing else.
 */
const id = (i: number): string => `C${String(i).padStart(7, '0')}`;
const TOTAL = 1_000_000;
const FIRST = 900_000; // C0900000..C0900999
const SECOND = 901_000; // C0901000..C0901999, controlled by the individual P
const SIZE = 1_000;

function buildBook(): InMemoryGraph {
  const g = new InMemoryGraph();
  for (let i = 0; i < TOTAL; i++) g.customer(id(i));
  g.customer('P', 'individual', 'P').customer('R', 'state-asset-regulator', 'SASAC');
  // 50,000 small groups of three, each beside an isolated customer.
  for (let i = 0; i < 200_000; i += 4) {
    g.equity(id(i), id(i + 1), '0.6');
    g.link(id(i), id(i + 2), 'consolidation');
  }
  for (const start of [FIRST, SECOND]) {
    // A binary holding tree: member k is 60% held by member (k - 1) / 2.
    for (let k = 1; k < SIZE; k++) g.equity(id(start + ((k - 1) >> 1)), id(start + k), '0.6');
    // Ties that never group must not be walked: guarantees out to isolated customers.
    for (let k = 0; k < SIZE; k++) g.link(id(start + k), id(500_000 + start - FIRST + k), 'guarantee');
    // A regulator holding both heads connects nothing.
    g.equity('R', id(start), '0.3');
  }
  g.equity('P', id(SECOND), '0.7');
  return g;
}

function counting(graph: GraphView): { view: GraphView; walked: () => number } {
  let calls = 0;
  return {
    view: {
      kindOf: (c) => graph.kindOf(c),
      nameOf: (c) => graph.nameOf(c),
      relationsOf: (c): Iterable<RelationView> => {
        calls++;
        return graph.relationsOf(c);
      },
    },
    walked: () => calls,
  };
}

describe('merging two 1,000-member groups in a 1,000,000-customer book', () => {
  const g = buildBook();

  it('walks only the two groups (and their controlling individual)', () => {
    const before = counting(g);
    expect(affectedComponent(before.view, [id(FIRST + 999)]).size).toBe(SIZE);
    expect(before.walked()).toBe(SIZE);

    g.link(id(FIRST + 999), id(SECOND + 999), 'deemed-group');
    const after = counting(g);
    const component = affectedComponent(after.view, [id(FIRST + 999), id(SECOND + 999)]);
    expect(component.size).toBe(2 * SIZE + 1);
    expect(component.has('P')).toBe(true);
    expect(component.has('R')).toBe(false);
    expect(after.walked()).toBe(2 * SIZE + 1);

    const parts = identifyGroups(after.view, component, '0.5');
    expect(after.walked()).toBe(2 * (2 * SIZE + 1));
    expect(parts).toHaveLength(1);
    expect(parts[0].members).toHaveLength(2 * SIZE);
    // Both heads control 999 members; the tie goes to the smaller id.
    expect(parts[0].name).toBe(`${id(FIRST)} Co.`);

    const groups = {
      G1: Array.from({ length: SIZE }, (_, k) => id(FIRST + k)),
      G2: Array.from({ length: SIZE }, (_, k) => id(SECOND + k)),
    };
    const grouping = new InMemoryGrouping(groups, { G1: 5n, G2: 7n });
    let asked = 0;
    const groupOf = grouping.groupOf.bind(grouping);
    grouping.groupOf = (customerId) => {
      asked++;
      return groupOf(customerId);
    };
    const changes = diffGroups(grouping, component, parts, counter('N'));
    expect(changes).toEqual([
      { type: 'GroupsMerged', data: { groupId: 'G2', name: 'G2 group', absorbedGroupIds: ['G1'], members: parts[0].members, joined: groups.G1 } },
    ]);
    // A member list answers for the whole group: one question per old group, one for P who stood alone (not 2,001).
    expect(asked).toBe(3);
  });
});
