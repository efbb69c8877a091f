import { TODAY, accept, ctx, given } from '../testing/book.spec-dsl';
import { decide } from '../book/book.decide';
import {
  acceptedEvents,
  capBreachCured,
  capBreached,
  controlledPair,
  customerRegistered,
  customers,
  drawdownBooked,
  group,
  groupFormed,
  limitGranted,
  limitRequested,
  netCapitalDeclared,
  relationRecorded,
  standalone,
} from '../testing/book.fixtures';
import { RecordRelation } from './relation.commands';

/** Net capital 1,000,000,000.00 -> group cap 15% = 150,000,000.00, single-customer cap 10% = 100,000,000.00. */
const book = [
  netCapitalDeclared('1000000000.00'),
  ...customers('A', 'B', 'C', 'D', 'E'),
  customerRegistered('P1', 'individual'),
  customerRegistered('P2', 'individual'),
];

const link = (relationId: string, from: string, to: string, relationType: RecordRelation['relationType'], share?: string): RecordRelation =>
  share === undefined ? { type: 'RecordRelation', relationId, from, to, relationType } : { type: 'RecordRelation', relationId, from, to, relationType, share };

describe('RecordRelation: validation', () => {
  it('refuses an unknown holder or held party: CUSTOMER_NOT_FOUND', () => {
    given(book).when(link('r1', 'X', 'A', 'guarantee')).thenRefused('CUSTOMER_NOT_FOUND', { customerId: 'X' });
    given(book).when(link('r1', 'A', 'X', 'guarantee')).thenRefused('CUSTOMER_NOT_FOUND', { customerId: 'X' });
  });

  it('refuses a relation of a customer with itself: SELF_RELATION', () => {
    given(book).when(link('r1', 'A', 'A', 'equity', '0.6')).thenRefused('SELF_RELATION', { customerId: 'A' });
  });

  it('refuses an equity relation without a share: INVALID_SHARE', () => {
    given(book).when(link('r1', 'A', 'B', 'equity')).thenRefused('INVALID_SHARE', { share: null });
  });

  it.each(['0', '0.00', '1.5', '1.01', '-0.5', 'abc', '60%'])('refuses the equity share %s, outside (0, 1]: INVALID_SHARE', (share) => {
    given(book).when(link('r1', 'A', 'B', 'equity', share)).thenRefused('INVALID_SHARE', { share });
  });

  it('accepts a 100% holding (share 1)', () => {
    given(book)
      .when(link('r1', 'A', 'B', 'equity', '1'))
      .then([
        { type: 'RelationRecorded', data: { relationId: 'r1', from: 'A', to: 'B', relationType: 'equity', share: '1' } },
        groupFormed('G000001', ['A', 'B'], 'A Ltd'),
      ]);
  });

  it.each(['voting', 'board', 'guarantee', 'family'] as const)('refuses a share on a %s relation: INVALID_SHARE', (type) => {
    given(book).when(link('r1', 'A', 'B', type, '0.6')).thenRefused('INVALID_SHARE', { share: '0.6' });
  });

  it('refuses holdings in one company totalling more than 100%: EQUITY_OVER_100', () => {
    // D holds 60% of B; E asks for 50%: 0.6 + 0.5 = 1.1 > 1.
    given(book, relationRecorded('D-B', 'D', 'B', 'equity', '0.6'), groupFormed('G000001', ['B', 'D'], 'D Ltd'))
      .when(link('E-B', 'E', 'B', 'equity', '0.5'))
      .thenRefused('EQUITY_OVER_100', { customerId: 'B', held: '0.6', requested: '0.5' });
  });

  it('accepts holdings totalling exactly 100%', () => {
    // 0.6 + 0.4 = 1.0: not over. E's 40% controls nothing, so the group D-B is unchanged.
    given(book, relationRecorded('D-B', 'D', 'B', 'equity', '0.6'), groupFormed('G000001', ['B', 'D'], 'D Ltd'))
      .when(link('E-B', 'E', 'B', 'equity', '0.4'))
      .then([{ type: 'RelationRecorded', data: { relationId: 'E-B', from: 'E', to: 'B', relationType: 'equity', share: '0.4' } }]);
  });

  it('refuses a relation id already used: RELATION_EXISTS', () => {
    given(book, relationRecorded('r1', 'A', 'B', 'guarantee')).when(link('r1', 'C', 'D', 'guarantee')).thenRefused('RELATION_EXISTS', { relationId: 'r1' });
  });

  it('refuses the same link recorded again under another id: RELATION_EXISTS', () => {
    given(book, ...controlledPair('G000001', 'A', 'B'))
      .when(link('r2', 'A', 'B', 'equity', '0.3'))
      .thenRefused('RELATION_EXISTS', { relationId: 'A-B' });
    given(book, relationRecorded('v1', 'A', 'B', 'voting'), groupFormed('G000001', ['A', 'B']))
      .when(link('v2', 'A', 'B', 'voting'))
      .thenRefused('RELATION_EXISTS', { relationId: 'v1' });
  });

  it('refuses an undirected link recorded again in reverse: RELATION_EXISTS', () => {
    given(book, relationRecorded('fam', 'P1', 'P2', 'family')).when(link('fam2', 'P2', 'P1', 'family')).thenRefused('RELATION_EXISTS', { relationId: 'fam' });
    given(book, relationRecorded('dg', 'A', 'B', 'deemed-group'), groupFormed('G000001', ['A', 'B']))
      .when(link('dg2', 'B', 'A', 'deemed-group'))
      .thenRefused('RELATION_EXISTS', { relationId: 'dg' });
  });

  it('refuses an economic dependence recorded again in reverse: it is undirected (RELATION_EXISTS)', () => {
    given(book, relationRecorded('ed', 'A', 'B', 'economic-dependence')).when(link('ed2', 'B', 'A', 'economic-dependence')).thenRefused('RELATION_EXISTS', { relationId: 'ed' });
  });

  it('records an economic dependence without forming a group client: it joins a 2018 connected group only', () => {
    given(book)
      .when(link('ed', 'A', 'B', 'economic-dependence'))
      .then([{ type: 'RelationRecorded', data: { relationId: 'ed', from: 'A', to: 'B', relationType: 'economic-dependence', share: null } }]);
  });

  it('refuses a share on an economic dependence: INVALID_SHARE', () => {
    given(book).when(link('ed', 'A', 'B', 'economic-dependence', '0.5')).thenRefused('INVALID_SHARE');
  });

  it('never groups the companies a sovereign controls: like a state-asset regulator, the state joins no group', () => {
    // The central government holds 60% of A and of B: no control between A and B, so no group client.
    given(book, customerRegistered('GOV', 'sovereign'), relationRecorded('g-a', 'GOV', 'A', 'equity', '0.6'))
      .when(link('g-b', 'GOV', 'B', 'equity', '0.6'))
      .then([{ type: 'RelationRecorded', data: { relationId: 'g-b', from: 'GOV', to: 'B', relationType: 'equity', share: '0.6' } }]);
  });

  it('accepts a directed link in the other direction (a guarantee back)', () => {
    given(book, relationRecorded('g1', 'A', 'B', 'guarantee'))
      .when(link('g2', 'B', 'A', 'guarantee'))
      .then([{ type: 'RelationRecorded', data: { relationId: 'g2', from: 'B', to: 'A', relationType: 'guarantee', share: null } }]);
  });

  it('refuses a family relation that is not between two natural persons: INVALID_RELATION', () => {
    given(book).when(link('r1', 'A', 'B', 'family')).thenRefused('INVALID_RELATION');
    given(book).when(link('r1', 'P1', 'A', 'family')).thenRefused('INVALID_RELATION');
  });

  it('refuses holding or controlling a natural person: INVALID_RELATION', () => {
    given(book).when(link('r1', 'A', 'P1', 'equity', '0.6')).thenRefused('INVALID_RELATION');
    given(book).when(link('r1', 'A', 'P1', 'board')).thenRefused('INVALID_RELATION');
  });
});

describe('RecordRelation: grouping', () => {
  it('records a related-party link that makes no group', () => {
    given(book)
      .when(link('r1', 'A', 'B', 'guarantee'))
      .then([{ type: 'RelationRecorded', data: { relationId: 'r1', from: 'A', to: 'B', relationType: 'guarantee', share: null } }]);
  });

  it('does not group on exactly 50% (control needs more than 50%)', () => {
    given(book)
      .when(link('r1', 'A', 'B', 'equity', '0.5'))
      .then([{ type: 'RelationRecorded', data: { relationId: 'r1', from: 'A', to: 'B', relationType: 'equity', share: '0.5' } }]);
  });

  it('forms a group named after its controller, with the first id G000001', () => {
    given(book)
      .when(link('A-B', 'A', 'B', 'equity', '0.6'))
      .then([
        { type: 'RelationRecorded', data: { relationId: 'A-B', from: 'A', to: 'B', relationType: 'equity', share: '0.6' } },
        { type: 'GroupFormed', data: { groupId: 'G000001', name: 'A Ltd', members: ['A', 'B'] } },
      ]);
  });

  it('numbers the next group G000002, and never reuses the id of a dissolved group', () => {
    given(book, ...controlledPair('G000001', 'A', 'B'))
      .when(link('C-D', 'C', 'D', 'consolidation'))
      .thenIncludes([groupFormed('G000002', ['C', 'D'], 'C Ltd')]);
    given(
      book,
      ...controlledPair('G000001', 'A', 'B'),
      { type: 'RelationRemoved', data: { relationId: 'A-B', from: 'A', to: 'B', relationType: 'equity' } },
      { type: 'GroupDissolved', data: { groupId: 'G000001', members: ['A', 'B'] } },
    )
      .when(link('C-D', 'C', 'D', 'consolidation'))
      .thenIncludes([groupFormed('G000002', ['C', 'D'], 'C Ltd')]);
  });

  it('merges two groups; on equal reported limits the smaller id survives', () => {
    // G000001 = {A, B}, G000002 = {C, D}, neither has limits (0 = 0). A now consolidates C: A controls all four.
    given(book, ...controlledPair('G000001', 'A', 'B'), ...controlledPair('G000002', 'C', 'D'))
      .when(link('A-C', 'A', 'C', 'consolidation'))
      .then([
        { type: 'RelationRecorded', data: { relationId: 'A-C', from: 'A', to: 'C', relationType: 'consolidation', share: null } },
        { type: 'GroupsMerged', data: { groupId: 'G000001', name: 'A Ltd', absorbedGroupIds: ['G000002'], members: ['A', 'B', 'C', 'D'], joined: ['C', 'D'] } },
      ]);
  });

  it('merges two groups; the group with the larger reported comprehensive limit keeps its id and its own name', () => {
    // G000001 "A Ltd" reports 10,000,000.00 (A), G000002 "C Ltd" reports 50,000,000.00 (C): G000002 survives.
    // The merged group is headed by A (A consolidates C), but G000002 keeps its name "C Ltd": id and name travel
    // together. Together 60,000,000.00 <= cap 150,000,000.00: no breach.
    given(book, ...controlledPair('G000001', 'A', 'B'), ...controlledPair('G000002', 'C', 'D'), limitGranted('LA', 'A', '10000000.00'), limitGranted('LC', 'C', '50000000.00'))
      .when(link('A-C', 'A', 'C', 'consolidation'))
      .then([
        { type: 'RelationRecorded', data: { relationId: 'A-C', from: 'A', to: 'C', relationType: 'consolidation', share: null } },
        { type: 'GroupsMerged', data: { groupId: 'G000002', name: 'C Ltd', absorbedGroupIds: ['G000001'], members: ['A', 'B', 'C', 'D'], joined: ['A', 'B'] } },
      ]);
  });

  it('keeps a surviving group\'s name through a merge, and a group keeps its name when its head changes', () => {
    // G000001 "A Ltd" = {A, B} with 10,000,000.00; G000002 "C Ltd" = {C, D} with 50,000,000.00 (survives any merge).
    // E (standalone) takes 60% of C, then A consolidates E: the part {A, B, C, D, E} is headed by A, and
    // G000002 must stay "C Ltd" while absorbing G000001 "A Ltd" and the standalone E.
    const history = [
      book,
      ...controlledPair('G000001', 'A', 'B'),
      ...controlledPair('G000002', 'C', 'D'),
      limitGranted('LA', 'A', '10000000.00'),
      limitGranted('LC', 'C', '50000000.00'),
    ];
    const { state } = accept(given(...history).state, link('E-C', 'E', 'C', 'equity', '0.6'));
    // E now heads {C, D, E}: a join, no rename.
    expect(state.groupNames.get('G000002')).toBe('C Ltd');
    const merged = accept(state, link('A-E', 'A', 'E', 'consolidation'));
    expect(merged.events).toContainEqual({
      type: 'GroupsMerged',
      data: { groupId: 'G000002', name: 'C Ltd', absorbedGroupIds: ['G000001'], members: ['A', 'B', 'C', 'D', 'E'], joined: ['A', 'B'] },
    });
    expect(merged.state.groupNames.get('G000002')).toBe('C Ltd');
  });

  it('compares reported limits, in which a pending request counts for nothing', () => {
    // G000001: A's 100,000,000.00 is only requested -> reports 0.00; G000002: C granted 10,000,000.00 -> G000002 survives, named "C Ltd".
    given(book, ...controlledPair('G000001', 'A', 'B'), ...controlledPair('G000002', 'C', 'D'), limitRequested('LA', 'A', '100000000.00'), limitGranted('LC', 'C', '10000000.00'))
      .when(link('A-C', 'A', 'C', 'consolidation'))
      .thenIncludes([{ type: 'GroupsMerged', data: { groupId: 'G000002', name: 'C Ltd', absorbedGroupIds: ['G000001'], members: ['A', 'B', 'C', 'D'], joined: ['A', 'B'] } }]);
  });

  it('records a breach of the limit cap when a merge takes the new group over it, and refuses drawdowns', () => {
    // G000001 reports 80,000,000.00 and G000002 80,000,000.00, each within 150,000,000.00.
    // Merged: 80,000,000.00 + 80,000,000.00 = 160,000,000.00 > 150,000,000.00. Equal limits: G000001 survives.
    const history = [book, ...controlledPair('G000001', 'A', 'B'), ...controlledPair('G000002', 'C', 'D'), limitGranted('LA', 'A', '80000000.00'), limitGranted('LC', 'C', '80000000.00')];
    const merged = given(...history).when(link('A-C', 'A', 'C', 'consolidation'));
    merged.then([
      { type: 'RelationRecorded', data: { relationId: 'A-C', from: 'A', to: 'C', relationType: 'consolidation', share: null } },
      { type: 'GroupsMerged', data: { groupId: 'G000001', name: 'A Ltd', absorbedGroupIds: ['G000002'], members: ['A', 'B', 'C', 'D'], joined: ['C', 'D'] } },
      capBreached(group('G000001'), 'limit', { measure: '160000000.00', cap: '150000000.00', netCapital: '1000000000.00', ratio: '0.15' }),
    ]);

    const after = given(...history, ...acceptedEvents(merged.decision));
    after.when({ type: 'BookDrawdown', drawdownId: 'D1', limitId: 'LA', amount: '1000000.00', product: 'loan' }).thenRefused('GROUP_IN_BREACH', { groupId: 'G000001', bases: ['limit'] });
    after.when({ type: 'BookDrawdown', drawdownId: 'D1', limitId: 'LC', amount: '1000000.00', product: 'loan' }).thenRefused('GROUP_IN_BREACH', { groupId: 'G000001', bases: ['limit'] });
  });

  it("closes the absorbed group's own open breach as subject-ended", () => {
    // Net capital re-declared 500,000,000.00 -> group cap 15% = 75,000,000.00:
    // G000001 (A: 90,000,000.00) and G000002 (C: 80,000,000.00) are both in breach.
    // Merge: G000001 survives (90,000,000.00 > 80,000,000.00) and its breach stays open (no new CapBreached);
    // G000002 ceases, its breach is closed with the figures it was opened with against the cap in force.
    given(
      book,
      ...controlledPair('G000001', 'A', 'B'),
      ...controlledPair('G000002', 'C', 'D'),
      limitGranted('LA', 'A', '90000000.00'),
      limitGranted('LC', 'C', '80000000.00'),
      netCapitalDeclared('500000000.00', '2026-03-01'),
      capBreached(group('G000001'), 'limit', { measure: '90000000.00', cap: '75000000.00', netCapital: '500000000.00', ratio: '0.15' }),
      capBreached(group('G000002'), 'limit', { measure: '80000000.00', cap: '75000000.00', netCapital: '500000000.00', ratio: '0.15' }),
    )
      .when(link('A-C', 'A', 'C', 'consolidation'))
      .then([
        { type: 'RelationRecorded', data: { relationId: 'A-C', from: 'A', to: 'C', relationType: 'consolidation', share: null } },
        { type: 'GroupsMerged', data: { groupId: 'G000001', name: 'A Ltd', absorbedGroupIds: ['G000002'], members: ['A', 'B', 'C', 'D'], joined: ['C', 'D'] } },
        capBreachCured(group('G000002'), 'limit', { measure: '80000000.00', cap: '75000000.00', netCapital: '500000000.00', ratio: '0.15' }, 'subject-ended'),
      ]);
  });

  it("closes a standalone customer's breach as subject-ended when it joins a group, which is then measured at 15%", () => {
    // Net capital 800,000,000.00: single cap 10% = 80,000,000.00, group cap 15% = 120,000,000.00.
    // E alone reports 90,000,000.00 > 80,000,000.00 (in breach); in the group {A, E} 90,000,000.00 <= 120,000,000.00.
    const history = [
      book,
      limitGranted('LE', 'E', '90000000.00'),
      netCapitalDeclared('800000000.00', '2026-03-01'),
      capBreached(standalone('E'), 'limit', { measure: '90000000.00', cap: '80000000.00', netCapital: '800000000.00', ratio: '0.10' }),
    ];
    const joined = given(...history).when(link('A-E', 'A', 'E', 'equity', '0.6'));
    joined.then([
      { type: 'RelationRecorded', data: { relationId: 'A-E', from: 'A', to: 'E', relationType: 'equity', share: '0.6' } },
      groupFormed('G000001', ['A', 'E'], 'A Ltd'),
      capBreachCured(standalone('E'), 'limit', { measure: '90000000.00', cap: '80000000.00', netCapital: '800000000.00', ratio: '0.10' }, 'subject-ended'),
    ]);
    // No longer in breach: a drawdown goes through.
    given(...history, ...acceptedEvents(joined.decision))
      .when({ type: 'BookDrawdown', drawdownId: 'D1', limitId: 'LE', amount: '1000000.00', product: 'loan' })
      .thenIncludes([drawdownBooked('D1', 'LE', 'E', '1000000.00')]);
  });
});

describe('RemoveRelation', () => {
  it('refuses an unknown relation: RELATION_NOT_FOUND', () => {
    given(book).when({ type: 'RemoveRelation', relationId: 'nope' }).thenRefused('RELATION_NOT_FOUND', { relationId: 'nope' });
  });

  it('removes a related-party link and changes no group', () => {
    given(book, relationRecorded('g1', 'A', 'B', 'guarantee'))
      .when({ type: 'RemoveRelation', relationId: 'g1' })
      .then([{ type: 'RelationRemoved', data: { relationId: 'g1', from: 'A', to: 'B', relationType: 'guarantee' } }]);
  });

  it('dissolves a group whose only tie is removed', () => {
    given(book, ...controlledPair('G000001', 'A', 'B'))
      .when({ type: 'RemoveRelation', relationId: 'A-B' })
      .then([
        { type: 'RelationRemoved', data: { relationId: 'A-B', from: 'A', to: 'B', relationType: 'equity' } },
        { type: 'GroupDissolved', data: { groupId: 'G000001', members: ['A', 'B'] } },
      ]);
  });

  it('lets one member leave when only it is cut off', () => {
    // A holds 60% of B and consolidates C; removing A-C leaves {A, B}.
    given(book, ...controlledPair('G000001', 'A', 'B'), relationRecorded('A-C', 'A', 'C', 'consolidation'), { type: 'GroupMemberJoined', data: { groupId: 'G000001', customerId: 'C' } })
      .when({ type: 'RemoveRelation', relationId: 'A-C' })
      .then([
        { type: 'RelationRemoved', data: { relationId: 'A-C', from: 'A', to: 'C', relationType: 'consolidation' } },
        { type: 'GroupMemberLeft', data: { groupId: 'G000001', customerId: 'C' } },
      ]);
  });

  const fourMembers = [
    book,
    relationRecorded('A-B', 'A', 'B', 'equity', '0.6'),
    relationRecorded('A-C', 'A', 'C', 'consolidation'),
    relationRecorded('C-D', 'C', 'D', 'equity', '0.6'),
    groupFormed('G000001', ['A', 'B', 'C', 'D'], 'A Ltd'),
  ];

  it('splits a group in two: the id stays with the part holding the smallest member, the other part gets a new id', () => {
    // {A, B} and {C, D}: two members each, so G000001 stays with the part holding A.
    given(...fourMembers)
      .when({ type: 'RemoveRelation', relationId: 'A-C' })
      .then([
        { type: 'RelationRemoved', data: { relationId: 'A-C', from: 'A', to: 'C', relationType: 'consolidation' } },
        { type: 'GroupSplit', data: { groupId: 'G000001', remainingMembers: ['A', 'B'], newGroups: [{ groupId: 'G000002', name: 'C Ltd', members: ['C', 'D'] }], leftMembers: [] } },
      ]);
  });

  it('cures the breach of a group when a split takes it back under its cap', () => {
    // A 50,000,000.00 + B 30,000,000.00 + C 50,000,000.00 + D 30,000,000.00 = 160,000,000.00 > 150,000,000.00 (open breach).
    // After the split: G000001 {A, B} = 80,000,000.00 <= 150,000,000.00 (cured); G000002 {C, D} = 80,000,000.00 (no breach).
    given(
      ...fourMembers,
      limitGranted('LA', 'A', '50000000.00'),
      limitGranted('LB', 'B', '30000000.00'),
      limitGranted('LC', 'C', '50000000.00'),
      limitGranted('LD', 'D', '30000000.00'),
      capBreached(group('G000001'), 'limit', { measure: '160000000.00', cap: '150000000.00', netCapital: '1000000000.00', ratio: '0.15' }),
    )
      .when({ type: 'RemoveRelation', relationId: 'A-C' })
      .then([
        { type: 'RelationRemoved', data: { relationId: 'A-C', from: 'A', to: 'C', relationType: 'consolidation' } },
        { type: 'GroupSplit', data: { groupId: 'G000001', remainingMembers: ['A', 'B'], newGroups: [{ groupId: 'G000002', name: 'C Ltd', members: ['C', 'D'] }], leftMembers: [] } },
        capBreachCured(group('G000001'), 'limit', { measure: '80000000.00', cap: '150000000.00', netCapital: '1000000000.00', ratio: '0.15' }),
      ]);
  });

  it('a removed link can be recorded again under a new id; the removed one stays in history, ended', () => {
    const { state } = accept(given(book, ...controlledPair('G000001', 'A', 'B')).state, { type: 'RemoveRelation', relationId: 'A-B' });
    // Ended on its removal date, not forgotten: the group it made still holds on earlier dates.
    expect(state.relations.get('A-B')?.until).toBe(TODAY);
    expect(state.groupOf.has('A')).toBe(false);
    expect(decide(link('A-B', 'A', 'B', 'equity', '0.6'), state, ctx())).toMatchObject({ code: 'RELATION_EXISTS' });
    const again = accept(state, link('A-B-2', 'A', 'B', 'equity', '0.6'));
    expect(again.events).toEqual([
      { type: 'RelationRecorded', data: { relationId: 'A-B-2', from: 'A', to: 'B', relationType: 'equity', share: '0.6' } },
      groupFormed('G000002', ['A', 'B'], 'A Ltd'),
    ]);
  });
});
