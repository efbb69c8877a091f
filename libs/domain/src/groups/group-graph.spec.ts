import { affectedComponent, identifyGroups } from './group-graph';
import { InMemoryGraph } from './testing/in-memory-graph';

const membersOf = (g: InMemoryGraph, threshold = '0.5'): string[][] =>
  identifyGroups(g, g.customerIds(), threshold).map((p) => p.members);

describe('identifyGroups: control test (domain.md §1)', () => {
  it('chains equity control: P holds 60% of A, A holds 60% of B, so P controls B', () => {
    const g = new InMemoryGraph().enterprises('P', 'A', 'B');
    g.equity('P', 'A', '0.6');
    g.equity('A', 'B', '0.6');
    expect(identifyGroups(g, g.customerIds(), '0.5')).toEqual([{ members: ['A', 'B', 'P'], name: 'P Co.' }]);
  });

  it('chains through a natural person at the top: the person is not a member', () => {
    const g = new InMemoryGraph().individuals('P').enterprises('A', 'B');
    g.equity('P', 'A', '0.6');
    g.equity('A', 'B', '0.6');
    expect(identifyGroups(g, g.customerIds(), '0.5')).toEqual([{ members: ['A', 'B'], name: 'A Co.' }]);
  });

  it('pools the bloc: P holds 30% of C and controls A, which holds 25% of C, so P controls C', () => {
    const g = new InMemoryGraph().individuals('P').enterprises('A', 'C');
    g.equity('P', 'C', '0.3');
    g.equity('P', 'A', '0.6');
    g.equity('A', 'C', '0.25');
    expect(membersOf(g)).toEqual([['A', 'C']]);
  });

  it('does not pool holdings of parties the holder does not control', () => {
    const g = new InMemoryGraph().individuals('P').enterprises('A', 'C');
    g.equity('P', 'C', '0.3');
    g.equity('P', 'A', '0.4');
    g.equity('A', 'C', '0.25');
    expect(membersOf(g)).toEqual([]);
  });

  it('is strictly greater than the threshold: exactly 50% is not control', () => {
    const g = new InMemoryGraph().enterprises('P', 'A');
    g.equity('P', 'A', '0.5');
    expect(membersOf(g)).toEqual([]);
  });

  it('sums shares exactly: 0.1 + 0.2 + 0.2 is exactly 50%, not control; one more millionth is', () => {
    const g = new InMemoryGraph().individuals('P').enterprises('A', 'B', 'C', 'T');
    g.link('P', 'A', 'consolidation');
    g.link('P', 'B', 'consolidation');
    g.equity('P', 'T', '0.1');
    g.equity('A', 'T', '0.2');
    g.equity('B', 'T', '0.2');
    expect(membersOf(g)).toEqual([['A', 'B']]);
    g.equity('C', 'T', '0.000001');
    g.link('P', 'C', 'agreement');
    expect(membersOf(g)).toEqual([['A', 'B', 'C', 'T']]);
  });

  it('uses the policy threshold', () => {
    const g = new InMemoryGraph().enterprises('P', 'A');
    g.equity('P', 'A', '0.5');
    expect(membersOf(g, '0.4')).toEqual([['A', 'P']]);
    expect(membersOf(g, '0.5')).toEqual([]);
  });

  it('terminates on a cross-holding and puts both in one group, named after the smaller id', () => {
    const g = new InMemoryGraph().enterprises('Y', 'X');
    g.equity('Y', 'X', '0.6');
    g.equity('X', 'Y', '0.6');
    expect(identifyGroups(g, g.customerIds(), '0.5')).toEqual([{ members: ['X', 'Y'], name: 'X Co.' }]);
  });

  it('terminates on a cross-holding below control and on a cycle of minority stakes', () => {
    const g = new InMemoryGraph().enterprises('A', 'B', 'C');
    g.equity('A', 'B', '0.3');
    g.equity('B', 'C', '0.3');
    g.equity('C', 'A', '0.3');
    expect(membersOf(g)).toEqual([]);
  });

  it.each(['voting', 'board', 'agreement', 'consolidation'] as const)('treats %s as control', (type) => {
    const g = new InMemoryGraph().enterprises('P', 'A');
    g.link('P', 'A', type);
    expect(identifyGroups(g, g.customerIds(), '0.5')).toEqual([{ members: ['A', 'P'], name: 'P Co.' }]);
  });

  it.each(['significant-influence', 'management', 'guarantee'] as const)('never groups by %s', (type) => {
    const g = new InMemoryGraph().enterprises('A', 'B').individuals('M');
    g.link('A', 'B', type);
    g.link('M', 'A', type);
    g.link('M', 'B', type);
    expect(membersOf(g)).toEqual([]);
  });

  it('groups the companies of a common controlling individual, without the individual', () => {
    const g = new InMemoryGraph().individuals('I').enterprises('A', 'B');
    g.equity('I', 'A', '0.8');
    g.link('I', 'B', 'board');
    expect(identifyGroups(g, g.customerIds(), '0.5')).toEqual([{ members: ['A', 'B'], name: 'A Co.' }]);
  });

  it('does not group companies in which an individual holds only minority stakes', () => {
    const g = new InMemoryGraph().individuals('I').enterprises('A', 'B');
    g.equity('I', 'A', '0.3');
    g.equity('I', 'B', '0.3');
    expect(membersOf(g)).toEqual([]);
  });

  it('groups a financial institution like an enterprise', () => {
    const g = new InMemoryGraph().enterprises('A').customer('F', 'financial-institution');
    g.equity('A', 'F', '0.51');
    expect(membersOf(g)).toEqual([['A', 'F']]);
  });
});

describe('identifyGroups: family blocs', () => {
  it('pools spouses: husband 30% and wife 25% of C control C', () => {
    const g = new InMemoryGraph().individuals('H', 'W').enterprises('C', 'D');
    g.equity('H', 'C', '0.3');
    g.equity('W', 'C', '0.25');
    g.equity('H', 'D', '1'); // D makes C's control visible: C alone would be no group
    expect(membersOf(g)).toEqual([]);
    g.link('H', 'W', 'family');
    expect(membersOf(g)).toEqual([['C', 'D']]);
  });

  it('groups two companies each controlled by one spouse', () => {
    const g = new InMemoryGraph().individuals('H', 'W').enterprises('A', 'B');
    g.equity('H', 'A', '0.6');
    g.link('W', 'B', 'consolidation');
    expect(membersOf(g)).toEqual([]);
    g.link('W', 'H', 'family');
    expect(membersOf(g)).toEqual([['A', 'B']]);
  });

  it("pools a person's direct relatives, and what they control", () => {
    const g = new InMemoryGraph().individuals('H', 'W', 'S').enterprises('A', 'B', 'T');
    g.link('H', 'W', 'family');
    g.link('W', 'S', 'family'); // the wife's sibling
    g.equity('S', 'A', '0.6');
    g.equity('H', 'T', '0.3');
    g.equity('A', 'T', '0.25');
    g.equity('W', 'B', '0.9');
    // W's bloc {W, H, S}: S's 60% brings A, W's 90% brings B; T gets H 30% + A 25% = 55% > 50%.
    // (H's bloc {H, W} alone has 30% of T; S's bloc {S, W} has A's 25%: neither controls T.)
    expect(membersOf(g)).toEqual([['A', 'B', 'T']]);
  });

  it('does not chain family links: a relative of a relative of a relative is not pooled', () => {
    const g = new InMemoryGraph().individuals('H', 'W', 'S', 'T').enterprises('X', 'Y');
    g.link('H', 'W', 'family');
    g.link('W', 'S', 'family');
    g.link('S', 'T', 'family');
    g.equity('H', 'X', '1');
    g.equity('H', 'Y', '0.3');
    g.equity('T', 'Y', '0.25');
    // Holdings in Y by bloc: H {H, W} 30%; W {W, H, S} 30%; S {S, W, T} 25%; T {T, S} 25%. None > 50%,
    // and X and Y share no controller: both standalone.
    expect(membersOf(g)).toEqual([]);
    // H and T as direct relatives: H's bloc {H, T, W} holds 30% + 25% = 55% of Y.
    g.link('H', 'T', 'family');
    expect(membersOf(g)).toEqual([['X', 'Y']]);
  });

  it('does not pool a company with its shareholders through family relations', () => {
    const g = new InMemoryGraph().individuals('H').enterprises('A', 'B', 'T');
    g.link('H', 'A', 'family'); // meaningless for a company: ignored
    g.equity('H', 'T', '0.3');
    g.equity('A', 'T', '0.3');
    g.equity('A', 'B', '0.6');
    expect(membersOf(g)).toEqual([['A', 'B']]);
  });
});

describe('identifyGroups: family connectivity', () => {
  it("groups the companies of two in-laws through their common relative's bloc", () => {
    const g = new InMemoryGraph().individuals('H', 'W', 'S').enterprises('X', 'Z');
    g.link('H', 'W', 'family');
    g.link('W', 'S', 'family');
    g.equity('H', 'X', '0.6');
    g.link('S', 'Z', 'board');
    // H and S are not relatives of each other, but W's bloc {W, H, S} controls both X and Z.
    expect(membersOf(g)).toEqual([['X', 'Z']]);
  });

  it('does not connect companies of relatives that share no bloc', () => {
    const g = new InMemoryGraph().individuals('H', 'W', 'S', 'T').enterprises('X', 'Z', 'B');
    g.link('H', 'W', 'family');
    g.link('W', 'S', 'family');
    g.link('S', 'T', 'family');
    g.equity('H', 'X', '0.6');
    g.equity('T', 'Z', '0.6');
    // Blocs: H {H, W} controls X; W {W, H, S} controls X; S {S, W, T} controls Z; T {T, S} controls Z.
    // No bloc holds both H and T: X and Z stay standalone.
    expect(membersOf(g)).toEqual([]);
    // W now controls B: W's bloc controls X and B, S's bloc controls B and Z, so X-B-Z chain into one group.
    g.link('W', 'B', 'agreement');
    expect(membersOf(g)).toEqual([['B', 'X', 'Z']]);
  });
});

describe('identifyGroups: state-asset exception', () => {
  it('keeps two subsidiaries wholly owned by one regulator standalone', () => {
    const g = new InMemoryGraph().customer('R', 'state-asset-regulator').enterprises('S1', 'S2');
    g.equity('R', 'S1', '1');
    g.equity('R', 'S2', '1');
    g.link('R', 'S1', 'consolidation');
    expect(membersOf(g)).toEqual([]);
  });

  it('groups them when one subsidiary controls the other', () => {
    const g = new InMemoryGraph().customer('R', 'state-asset-regulator').enterprises('S1', 'S2', 'S3');
    g.equity('R', 'S1', '1');
    g.equity('R', 'S2', '1');
    g.equity('R', 'S3', '1');
    g.equity('S1', 'S2', '0.6');
    expect(identifyGroups(g, g.customerIds(), '0.5')).toEqual([{ members: ['S1', 'S2'], name: 'S1 Co.' }]);
  });

  it('does not pool the regulator with its subsidiaries', () => {
    const g = new InMemoryGraph().customer('R', 'state-asset-regulator').enterprises('S1', 'C');
    g.equity('R', 'S1', '1');
    g.equity('R', 'C', '0.3');
    g.equity('S1', 'C', '0.25');
    expect(membersOf(g)).toEqual([]);
  });
});

describe('identifyGroups: grouping and names', () => {
  it('groups deemed-group pairs, chains and mixes with control', () => {
    const g = new InMemoryGraph().enterprises('A', 'B', 'C', 'D', 'E');
    g.link('A', 'B', 'deemed-group');
    expect(membersOf(g)).toEqual([['A', 'B']]);
    g.link('C', 'B', 'deemed-group');
    g.equity('C', 'D', '0.7');
    expect(membersOf(g)).toEqual([['A', 'B', 'C', 'D']]);
  });

  it('returns separate groups sorted by first member and leaves standalones out', () => {
    const g = new InMemoryGraph().enterprises('M', 'N', 'A', 'B', 'Z');
    g.equity('M', 'N', '0.6');
    g.equity('B', 'A', '0.6');
    expect(membersOf(g)).toEqual([
      ['A', 'B'],
      ['M', 'N'],
    ]);
  });

  it('names the group after the uncontrolled member controlling the most members', () => {
    const g = new InMemoryGraph().enterprises('Q', 'P', 'A', 'B', 'C');
    g.equity('P', 'A', '0.6');
    g.equity('P', 'B', '0.6');
    g.equity('Q', 'C', '0.6');
    g.link('P', 'Q', 'deemed-group');
    expect(identifyGroups(g, g.customerIds(), '0.5')).toEqual([{ members: ['A', 'B', 'C', 'P', 'Q'], name: 'P Co.' }]);
  });

  it('counts indirectly controlled members and breaks ties by the smallest id', () => {
    const g = new InMemoryGraph().enterprises('Q', 'P', 'A', 'B', 'C', 'D');
    g.equity('P', 'A', '0.6');
    g.equity('A', 'B', '0.6');
    g.equity('Q', 'C', '0.6');
    g.equity('Q', 'D', '0.6');
    g.link('B', 'D', 'deemed-group');
    expect(identifyGroups(g, g.customerIds(), '0.5')).toEqual([
      { members: ['A', 'B', 'C', 'D', 'P', 'Q'], name: 'P Co.' },
    ]);
  });

  it('recognises a head controlled only through a cross-holding below it', () => {
    // H controls A; A and B cross-hold 60/60: H is still the only uncontrolled member.
    const g = new InMemoryGraph().enterprises('H', 'A', 'B');
    g.equity('H', 'A', '0.4');
    g.link('H', 'A', 'agreement');
    g.equity('A', 'B', '0.6');
    g.equity('B', 'A', '0.6');
    expect(identifyGroups(g, g.customerIds(), '0.5')).toEqual([{ members: ['A', 'B', 'H'], name: 'H Co.' }]);
  });

  it('sees a member controlled by a later member of its own cross-holding as controlled', () => {
    // X is listed first; Y holds 60% of X and X only 10% of Y, so Y heads.
    const g = new InMemoryGraph().enterprises('X', 'Y');
    g.equity('X', 'Y', '0.1');
    g.equity('Y', 'X', '0.6');
    expect(identifyGroups(g, g.customerIds(), '0.5')).toEqual([{ members: ['X', 'Y'], name: 'Y Co.' }]);
  });

  it('only looks at the given component', () => {
    const g = new InMemoryGraph().enterprises('A', 'B', 'C', 'D');
    g.equity('A', 'B', '0.6');
    g.equity('C', 'D', '0.6');
    expect(identifyGroups(g, ['C', 'D'], '0.5').map((p) => p.members)).toEqual([['C', 'D']]);
  });

  it('follows a 20,000-deep holding chain without overflowing the stack', () => {
    const g = new InMemoryGraph();
    const ids = Array.from({ length: 20_000 }, (_, i) => `E${String(i).padStart(5, '0')}`);
    g.enterprises(...ids);
    for (let i = 1; i < ids.length; i++) g.equity(ids[i - 1], ids[i], '0.51');
    const parts = identifyGroups(g, affectedComponent(g, [ids[500]]), '0.5');
    expect(parts).toHaveLength(1);
    expect(parts[0].members).toHaveLength(20_000);
    expect(parts[0].name).toBe('E00000 Co.');
  });
});

describe('affectedComponent', () => {
  it('walks control-relevant relations in both directions, including through natural persons', () => {
    const g = new InMemoryGraph().individuals('I', 'J').enterprises('A', 'B', 'C', 'D', 'E', 'F');
    g.equity('A', 'B', '0.1');
    g.link('I', 'A', 'board');
    g.link('I', 'J', 'family');
    g.link('C', 'J', 'deemed-group');
    g.link('D', 'C', 'voting');
    g.link('E', 'F', 'agreement');
    expect([...affectedComponent(g, ['B'])].sort()).toEqual(['A', 'B', 'C', 'D', 'I', 'J']);
  });

  it('does not walk significant-influence, management or guarantee', () => {
    const g = new InMemoryGraph().enterprises('A', 'B', 'C', 'D').individuals('M');
    g.link('A', 'B', 'significant-influence');
    g.link('M', 'A', 'management');
    g.link('C', 'A', 'guarantee');
    g.link('A', 'D', 'consolidation');
    expect([...affectedComponent(g, ['A'])].sort()).toEqual(['A', 'D']);
  });

  it('never walks through a state-asset regulator, and leaves regulators out', () => {
    const g = new InMemoryGraph().customer('R', 'state-asset-regulator').enterprises('S1', 'S2', 'T');
    g.equity('R', 'S1', '1');
    g.equity('R', 'S2', '1');
    g.equity('S2', 'T', '0.6');
    expect([...affectedComponent(g, ['S1'])]).toEqual(['S1']);
    expect([...affectedComponent(g, ['R', 'S2'])].sort()).toEqual(['S2', 'T']);
  });

  it('merges the components of several seeds', () => {
    const g = new InMemoryGraph().enterprises('A', 'B', 'C', 'D', 'E');
    g.equity('A', 'B', '0.6');
    g.equity('C', 'D', '0.6');
    expect([...affectedComponent(g, ['B', 'C'])].sort()).toEqual(['A', 'B', 'C', 'D']);
  });
});
