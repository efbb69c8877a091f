import { BookEvent } from '../book/book.events';
import { BookCommand, CommandContext } from '../book/book.commands';
import { BookState, initialBookState } from '../book/book.state';
import { decide } from '../book/book.decide';
import { isRefusal } from '../shared/refusal';
import { measuresOf } from '../caps/measures';
import { accept, ctx, stateFrom } from '../testing/book.spec-dsl';
import { customers, drawdownBooked, group, groupFormed, limitGranted, netCapitalDeclared, relationRecorded, standalone } from '../testing/book.fixtures';
import { allocated, groupLimitInForce, groupLimitRenewalRequested, groupLimitRequested } from '../testing/group-limit.fixtures';
import { allocatedOn, groupLimitsOfGroupOn, groupOfGroupLimitOn, onDate } from './group-limit-on-date';

/**
 * The group's reported comprehensive limit with a group limit (domain.md sections 2 and 5): the group limit plus
 * member limits granted outside it, never an allocation twice; carry-forward and exits apply to the group limit too;
 * membership changes move allocations out. Net capital 1,000,000,000.00: group cap 150,000,000.00. Amounts in yuan.
 */
const yuan = (fen: bigint) => Number(fen) / 100;
const limitOf = (state: BookState, groupId: string, date = '2026-03-31') => yuan(measuresOf(state, group(groupId), date).limit);

// G000001 = {A, B, C}; GL1 100,000,000.00 allocated A 40, B 30, C 30 (millions); A also holds LX 20,000,000.00 outside it.
const base: BookEvent[] = [
  netCapitalDeclared('1000000000.00'),
  ...customers('A', 'B', 'C', 'E', 'F'),
  relationRecorded('A-B', 'A', 'B', 'equity', '0.6'),
  relationRecorded('A-C', 'A', 'C', 'equity', '0.6'),
  groupFormed('G000001', ['A', 'B', 'C']),
];
const split: BookEvent[] = [
  ...base,
  ...groupLimitInForce('GL1', 'G000001', '100000000.00'),
  allocated('LA1', 'A', '40000000.00', 'GL1'),
  allocated('LB1', 'B', '30000000.00', 'GL1'),
  allocated('LC1', 'C', '30000000.00', 'GL1'),
  limitGranted('LX', 'A', '20000000.00'),
];

describe("the group's reported comprehensive limit", () => {
  it('counts the group limit plus the limits granted outside it, never an allocation twice', () => {
    // 100,000,000.00 (GL1) + 20,000,000.00 (LX) = 120,000,000.00; not + 40 + 30 + 30 more.
    expect(limitOf(stateFrom(split), 'G000001')).toBe(120_000_000);
  });

  it('counts the group limit at its outstanding when its allocations have drawn more (a renewal downwards)', () => {
    // Allocations drawn 30 + 30 + 30 = 90,000,000.00 > a group limit of 80,000,000.00 (say after a renewal):
    // max(80, 90) = 90,000,000.00, + LX 20,000,000.00 = 110,000,000.00.
    const state = stateFrom([
      ...split,
      drawdownBooked('D1', 'LA1', 'A', '30000000.00'),
      drawdownBooked('D2', 'LB1', 'B', '30000000.00'),
      drawdownBooked('D3', 'LC1', 'C', '30000000.00'),
      { type: 'GroupLimitApproved', data: { groupLimitId: 'GL1', groupId: 'G000001', request: 'renewal', amount: '80000000.00', validTo: '2026-12-31', requestedBy: 'o', approvedBy: 'a' } },
    ]);
    expect(limitOf(state, 'G000001')).toBe(110_000_000);
  });

  it('does not count a pending group limit', () => {
    const state = stateFrom([...base, groupLimitRequested('GL1', 'G000001', '100000000.00'), limitGranted('LX', 'A', '20000000.00')]);
    expect(limitOf(state, 'G000001')).toBe(20_000_000);
  });

  it('carries an expired group limit forward while its renewal is pending, else counts what its allocations have outstanding', () => {
    // GL1 and its allocations ran until 2026-02-28; A drew 25,000,000.00 on LA1. On 2026-03-31:
    // renewal pending -> 100,000,000.00 carried forward (+ LX 20,000,000.00 = 120,000,000.00);
    // no renewal -> the 25,000,000.00 outstanding (+ 20,000,000.00 = 45,000,000.00).
    const expired = { validTo: '2026-02-28' };
    const history = [
      ...base,
      ...groupLimitInForce('GL1', 'G000001', '100000000.00', expired),
      allocated('LA1', 'A', '40000000.00', 'GL1', expired),
      limitGranted('LX', 'A', '20000000.00'),
      drawdownBooked('D1', 'LA1', 'A', '25000000.00'),
    ];
    expect(limitOf(stateFrom([...history, groupLimitRenewalRequested('GL1', 'G000001', '100000000.00', '2027-02-28')]), 'G000001')).toBe(120_000_000);
    expect(limitOf(stateFrom(history), 'G000001')).toBe(45_000_000);
  });

  it('counts the allocations on their own once the group limit is cancelled', () => {
    // 40 + 30 + 30 + 20 = 120,000,000.00: the same figure, now from the member limits.
    const state = stateFrom([...split, { type: 'GroupLimitCancelled', data: { groupLimitId: 'GL1', groupId: 'G000001' } }]);
    expect(limitOf(state, 'G000001')).toBe(120_000_000);
  });
});

describe('membership changes', () => {
  it('leaves a departing member its allocation as its own limit, and frees the room in the group limit', () => {
    // C leaves: G000001 still counts GL1 100,000,000.00 + LX 20,000,000.00; C alone counts LC1 30,000,000.00.
    // GL1's allocations of members: 40 + 30 = 70,000,000.00, so 30,000,000.00 is free again.
    const state = stateFrom([...split, { type: 'GroupMemberLeft', data: { groupId: 'G000001', customerId: 'C' } }]);
    expect(limitOf(state, 'G000001')).toBe(120_000_000);
    expect(yuan(measuresOf(state, standalone('C'), '2026-03-31').limit)).toBe(30_000_000);
    expect(yuan(allocatedOn(state.groupLimits.get('GL1')!, onDate(state, '2026-03-31')))).toBe(70_000_000);
  });

  it("moves an absorbed group's group limit to the surviving group from the merge's date", () => {
    // G000002 = {E, F} with GL2 50,000,000.00 allocated to E. Merged into G000001: GL1 100 + GL2 50 + LX 20 = 170,000,000.00
    // (over the 150,000,000.00 cap: a breach, as any merge can cause).
    const state = stateFrom([
      ...split,
      relationRecorded('E-F', 'E', 'F', 'board'),
      groupFormed('G000002', ['E', 'F']),
      ...groupLimitInForce('GL2', 'G000002', '50000000.00'),
      allocated('LE1', 'E', '50000000.00', 'GL2'),
      { type: 'GroupsMerged', data: { groupId: 'G000001', name: 'A Ltd', absorbedGroupIds: ['G000002'], members: ['A', 'B', 'C', 'E', 'F'], joined: ['E', 'F'], effectiveFrom: '2026-03-01' } },
    ]);
    expect(groupOfGroupLimitOn(state.groupLimits.get('GL2')!, '2026-02-28')).toBe('G000002');
    expect(groupOfGroupLimitOn(state.groupLimits.get('GL2')!, '2026-03-01')).toBe('G000001');
    expect(groupLimitsOfGroupOn(state, 'G000001', '2026-03-31').map((g) => g.groupLimitId)).toEqual(['GL1', 'GL2']);
    expect(limitOf(state, 'G000001')).toBe(170_000_000);
  });

  it('keeps the group limit with the continuing id on a split; the members split off count their allocations on their own', () => {
    // C splits off with D into G000003 = {C, D}.
    const state = stateFrom([
      ...split,
      ...customers('D'),
      { type: 'GroupSplit', data: { groupId: 'G000001', remainingMembers: ['A', 'B'], leftMembers: [], newGroups: [{ groupId: 'G000003', name: 'C Ltd', members: ['C', 'D'] }] } } as BookEvent,
    ]);
    // G000001: GL1 100 + LX 20 = 120,000,000.00. G000003: LC1 30,000,000.00 on its own.
    expect(limitOf(state, 'G000001')).toBe(120_000_000);
    expect(limitOf(state, 'G000003')).toBe(30_000_000);
  });

  it('counts nobody for the group limit of a dissolved group: its allocations count on their own', () => {
    // A alone: LA1 40 + LX 20 = 60,000,000.00.
    const state = stateFrom([...split, { type: 'GroupDissolved', data: { groupId: 'G000001', members: ['A', 'B', 'C'] } }]);
    expect(yuan(measuresOf(state, standalone('A'), '2026-03-31').limit)).toBe(60_000_000);
    expect(yuan(measuresOf(state, standalone('B'), '2026-03-31').limit)).toBe(30_000_000);
  });
});

describe('a group limit on the time axis', () => {
  // Net capital from 2025-12-31; A holds 60% of B and C from 01-02. GL1 100,000,000.00 requested 01-05, approved 01-10.
  const on = (effectiveDate: string, userId = 'officer-1'): CommandContext => ctx({ effectiveDate, userId, roles: ['officer', 'approver', 'admin'] });
  const register = (customerId: string): BookCommand => ({ type: 'RegisterCustomer', customerId, name: `${customerId} Ltd`, kind: 'enterprise' });
  const holds = (relationId: string, from: string, to: string): BookCommand => ({ type: 'RecordRelation', relationId, from, to, relationType: 'equity', share: '0.6' });
  const allocate = (limitId: string, customerId: string, amount: string): BookCommand => ({
    type: 'GrantLimit',
    limitId,
    customerId,
    amount,
    validFrom: '2026-01-01',
    validTo: '2026-12-31',
    groupLimitId: 'GL1',
  });
  const steps: [BookCommand, CommandContext][] = [
    [{ type: 'DeclareNetCapital', asOf: '2025-12-31', netCapital: '1000000000.00' }, on('2026-01-02')],
    [register('A'), on('2026-01-02')],
    [register('B'), on('2026-01-02')],
    [register('C'), on('2026-01-02')],
    [holds('A-B', 'A', 'B'), on('2026-01-02')],
    [holds('A-C', 'A', 'C'), on('2026-01-02')],
    [{ type: 'RequestGroupLimit', groupLimitId: 'GL1', groupId: 'G000001', amount: '100000000.00', validFrom: '2026-01-01', validTo: '2026-12-31' }, on('2026-01-05')],
    [{ type: 'ApproveGroupLimit', groupLimitId: 'GL1' }, on('2026-01-10', 'approver-1')],
  ];
  const book = (...more: [BookCommand, CommandContext][]): BookState => [...steps, ...more].reduce((s, [c, context]) => accept(s, c, context).state, initialBookState);
  const outcome = (command: BookCommand, state: BookState, context: CommandContext) => {
    const d = decide(command, state, context);
    return isRefusal(d) ? { code: d.code, details: d.details } : d.map((e) => e.type);
  };

  it('counts from its approval date, not its request date', () => {
    const state = book();
    expect(limitOf(state, 'G000001', '2026-01-07')).toBe(0);
    expect(limitOf(state, 'G000001', '2026-01-10')).toBe(100_000_000);
  });

  it('refuses a back-dated allocation that would pass the group limit on a later date', () => {
    // LB1 60,000,000.00 allocated on 03-01. LA1 50,000,000.00 back-dated to 02-01 fits on 02-01 (nothing allocated
    // then) but on 03-01: 60 + 50 = 110,000,000.00 > 100,000,000.00. 40,000,000.00 fits both (100 on 03-01).
    const state = book([allocate('LB1', 'B', '60000000.00'), on('2026-03-01')]);
    expect(outcome(allocate('LA1', 'A', '50000000.00'), state, on('2026-02-01'))).toEqual({
      code: 'GROUP_LIMIT_EXCEEDED',
      details: expect.objectContaining({ allocated: '60000000.00', requested: '50000000.00', on: '2026-03-01' }),
    });
    expect(outcome(allocate('LA1', 'A', '40000000.00'), state, on('2026-02-01'))).toEqual(['LimitGranted']);
  });

  it('refuses an allocation dated before the group limit was approved: the group limit was not in force then', () => {
    expect(outcome(allocate('LA1', 'A', '1000000.00'), book(), on('2026-01-07'))).toEqual({ code: 'EFFECTIVE_DATE_TOO_EARLY', details: expect.objectContaining({ inEffectFrom: '2026-01-10' }) });
  });

  it('reallocates from its date on: the limits keep their old amounts before it', () => {
    const state = book([allocate('LA1', 'A', '40000000.00'), on('2026-02-01')], [allocate('LB1', 'B', '30000000.00'), on('2026-02-01')], [
      { type: 'ReallocateGroupLimit', groupLimitId: 'GL1', fromLimitId: 'LA1', toLimitId: 'LB1', amount: '10000000.00' },
      on('2026-03-01'),
    ]);
    const amountOn = (limitId: string, date: string) => yuan(onDate(state, date).limit(limitId)!.amount);
    expect([amountOn('LA1', '2026-02-15'), amountOn('LB1', '2026-02-15')]).toEqual([40_000_000, 30_000_000]);
    expect([amountOn('LA1', '2026-03-01'), amountOn('LB1', '2026-03-01')]).toEqual([30_000_000, 40_000_000]);
    // The group's figure does not move: GL1 100,000,000.00 on both dates.
    expect(limitOf(state, 'G000001', '2026-02-15')).toBe(100_000_000);
    expect(limitOf(state, 'G000001', '2026-03-01')).toBe(100_000_000);
  });

  it('counts a member that leaves on its own from the date it left, and under the group limit before', () => {
    // C leaves on 03-01 (A-C removed): G000001 = {A, B} keeps GL1 100,000,000.00; C alone reports LC1 30,000,000.00, within
    // its 100,000,000.00 single-customer cap: no breach on either.
    const state = book([allocate('LC1', 'C', '30000000.00'), on('2026-02-01')]);
    const { events, state: after } = accept(state, { type: 'RemoveRelation', relationId: 'A-C' }, on('2026-03-01'));
    expect(events.map((e) => e.type)).toEqual(['RelationRemoved', 'GroupMemberLeft']);
    expect(limitOf(after, 'G000001', '2026-03-01')).toBe(100_000_000);
    expect(yuan(measuresOf(after, standalone('C'), '2026-03-01').limit)).toBe(30_000_000);
    // On 02-15 C was a member: its allocation counted inside GL1, 100,000,000.00 in all (not 130,000,000.00).
    expect(limitOf(after, 'G000001', '2026-02-15')).toBe(100_000_000);
  });
});
