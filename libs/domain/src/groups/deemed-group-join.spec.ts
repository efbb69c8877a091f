import { deemedGroupJoin } from './deemed-group-join';
import { identifyGroups } from './group-graph';
import { InMemoryGraph, InMemoryGrouping } from './testing/in-memory-graph';

/**
 * The book: H holds 60% of A and of B (group G1 = {A, B, H}); K holds 60% of L (group G2 = {K, L}); the natural
 * person P holds 60% of M and of N (group G3 = {M, N}, P not a member); S and T stand alone, and so does U, which
 * the natural person W holds 60% of (a set {W, U} with one legal person is no group).
 */
function book(): { graph: InMemoryGraph; grouping: InMemoryGrouping } {
  const graph = new InMemoryGraph().enterprises('A', 'B', 'H', 'K', 'L', 'M', 'N', 'S', 'T', 'U').individuals('P', 'W');
  graph.equity('H', 'A', '0.6');
  graph.equity('H', 'B', '0.6');
  graph.equity('K', 'L', '0.6');
  graph.equity('P', 'M', '0.6');
  graph.equity('P', 'N', '0.6');
  graph.equity('W', 'U', '0.6');
  const grouping = new InMemoryGrouping({ G1: ['A', 'B', 'H'], G2: ['K', 'L'], G3: ['M', 'N'] });
  return { graph, grouping };
}

/** Identification from scratch over the book with the link, as the partition of legal persons. */
function identifiedWith(from: string, to: string): string[][] {
  const { graph } = book();
  graph.link(from, to, 'deemed-group');
  return identifyGroups(graph, graph.customerIds(), '0.5').map((p) => p.members);
}

describe('deemedGroupJoin: a deemed-group link on its own date', () => {
  it('joins two groups into one part over exactly their members', () => {
    // given G1 = {A, B, H} and G2 = {K, L}; when B and L are deemed one group
    const { graph, grouping } = book();
    const joined = deemedGroupJoin(graph, grouping, 'B', 'L');
    // then the part is the five members, sorted, and identification from scratch finds the same part beside G3
    expect(joined?.parts.map((p) => p.members)).toEqual([['A', 'B', 'H', 'K', 'L']]);
    expect(new Set(joined?.component)).toEqual(new Set(['A', 'B', 'H', 'K', 'L']));
    expect(identifiedWith('B', 'L')).toEqual([['A', 'B', 'H', 'K', 'L'], ['M', 'N']]);
  });

  it('adds a customer that stood alone to the group, even one a natural person holds', () => {
    // given U alone (its holder W is a natural person, so {W, U} has one legal person); when U is deemed in G2
    const { graph, grouping } = book();
    // then G2 gains U: 2 + 1 members
    expect(deemedGroupJoin(graph, grouping, 'U', 'K')?.parts.map((p) => p.members)).toEqual([['K', 'L', 'U']]);
    expect(identifiedWith('U', 'K')).toEqual([['A', 'B', 'H'], ['K', 'L', 'U'], ['M', 'N']]);
  });

  it('changes nothing between two members of one group', () => {
    const { graph, grouping } = book();
    expect(deemedGroupJoin(graph, grouping, 'A', 'B')?.parts.map((p) => p.members)).toEqual([['A', 'B', 'H']]);
  });

  it('leaves a natural person endpoint to identification: its connected set holds more than a group', () => {
    // P's set is {P, M, N}: P is in no group, yet a link to P reaches G3.
    const { graph, grouping } = book();
    expect(deemedGroupJoin(graph, grouping, 'P', 'S')).toBeUndefined();
  });

  it('leaves two customers that stood alone to identification, which names the new group after its head', () => {
    const { graph, grouping } = book();
    expect(deemedGroupJoin(graph, grouping, 'S', 'T')).toBeUndefined();
  });
});
