import { BookCommand } from './book.commands';
import { BookEvent } from './book.events';
import { BookState, initialBookState } from './book.state';
import { decide } from './book.decide';
import { evolve, evolveOn } from './book.evolve';
import { TODAY, accept, ctx, given, stateFrom } from '../testing/book.spec-dsl';
import { controlledPair, customers, drawdownBooked, limitGranted, limitRequested, netCapitalDeclared } from '../testing/book.fixtures';
import { isRefusal } from '../shared/refusal';
import { allocated, groupLimitInForce, groupLimitRequested } from '../testing/group-limit.fixtures';

/** Net capital 1,000,000,000.00; G000001 = {A, B}; S alone; limits in force, one pending, one drawdown. */
const history: BookEvent[] = [
  netCapitalDeclared('1000000000.00'),
  ...customers('A', 'B', 'C', 'D', 'S'),
  ...controlledPair('G000001', 'A', 'B'),
  limitGranted('LA', 'A', '60000000.00'),
  limitGranted('L1', 'S', '50000000.00'),
  limitRequested('LP', 'S', '40000000.00'),
  drawdownBooked('D1', 'L1', 'S', '10000000.00'),
  // Group unified credit: GL1 80,000,000.00 in force for G000001 (A, B each allocated 10,000,000.00); GLP pending for
  // G000002 = {E, F}; G000003 = {H, I} has none.
  ...customers('E', 'F', 'H', 'I'),
  ...controlledPair('G000002', 'E', 'F'),
  ...controlledPair('G000003', 'H', 'I'),
  ...groupLimitInForce('GL1', 'G000001', '80000000.00'),
  allocated('LA1', 'A', '10000000.00', 'GL1'),
  allocated('LB1', 'B', '10000000.00', 'GL1'),
  groupLimitRequested('GLP', 'G000002', '30000000.00'),
];

/** One command of every type (the mapped type makes a new command type fail to compile here), each acceptable today. */
const commandOfType: { [K in BookCommand['type']]: Extract<BookCommand, { type: K }> } = {
  DeclareNetCapital: { type: 'DeclareNetCapital', asOf: '2026-03-31', netCapital: '900000000.00' },
  ChangePolicy: { type: 'ChangePolicy', equityControlThreshold: '0.7' },
  RegisterCustomer: { type: 'RegisterCustomer', customerId: 'N', name: 'New Co', kind: 'enterprise' },
  RecordRelation: { type: 'RecordRelation', relationId: 'C-D', from: 'C', to: 'D', relationType: 'board' },
  RemoveRelation: { type: 'RemoveRelation', relationId: 'A-B' },
  GrantLimit: { type: 'GrantLimit', limitId: 'LN', customerId: 'C', amount: '1000000.00', validFrom: '2026-01-01', validTo: '2026-12-31' },
  ApproveLimit: { type: 'ApproveLimit', limitId: 'LP' },
  RejectLimit: { type: 'RejectLimit', limitId: 'LP', reason: 'no' },
  RenewLimit: { type: 'RenewLimit', limitId: 'L1', amount: '55000000.00', validTo: '2027-03-31' },
  CancelLimit: { type: 'CancelLimit', limitId: 'LA' },
  BookDrawdown: { type: 'BookDrawdown', drawdownId: 'D2', limitId: 'L1', amount: '1000000.00', product: 'loan' },
  BookRepayment: { type: 'BookRepayment', drawdownId: 'D1', amount: '1000000.00' },
  FileLargeCreditReport: { type: 'FileLargeCreditReport', asOf: '2026-03-31', report: { netCapital: '1000000000.00', rows: [] } },
  FileLargeExposureReport: { type: 'FileLargeExposureReport', asOf: '2026-03-31', report: { tier1NetCapital: '800000000.00', largeExposureRatio: '0.025', threshold: '20000000.00', rows: [] } },
  ReviewCaps: { type: 'ReviewCaps' },
  RequestGroupLimit: { type: 'RequestGroupLimit', groupLimitId: 'GL2', groupId: 'G000003', amount: '50000000.00', validFrom: '2026-01-01', validTo: '2026-12-31' },
  ApproveGroupLimit: { type: 'ApproveGroupLimit', groupLimitId: 'GLP' },
  RejectGroupLimit: { type: 'RejectGroupLimit', groupLimitId: 'GLP', reason: 'no' },
  RenewGroupLimit: { type: 'RenewGroupLimit', groupLimitId: 'GL1', amount: '90000000.00', validTo: '2027-03-31' },
  CancelGroupLimit: { type: 'CancelGroupLimit', groupLimitId: 'GLP' },
  ReallocateGroupLimit: { type: 'ReallocateGroupLimit', groupLimitId: 'GL1', fromLimitId: 'LA1', toLimitId: 'LB1', amount: '1000000.00' },
};
const everyCommand: BookCommand[] = Object.values(commandOfType);

const approver = ctx({ userId: 'approver-1', roles: ['approver'] });
const contextFor = (c: BookCommand) =>
  c.type === 'ApproveLimit' || c.type === 'RejectLimit' || c.type === 'ApproveGroupLimit' || c.type === 'RejectGroupLimit' ? approver : ctx();

/** A deep, order-preserving picture of the state, to see that deciding changed nothing in it. */
function snapshot(state: BookState): string {
  return JSON.stringify(state, (_key, value) => (typeof value === 'bigint' ? `${value}n` : value));
}

describe('decide()', () => {
  it.each(everyCommand.map((c) => [c.type, c] as const))('accepts %s against the book today', (_type, command) => {
    const decision = decide(command, stateFrom(history), contextFor(command));
    expect(isRefusal(decision) ? decision.code : 'accepted').toBe('accepted');
  });

  it.each(everyCommand.map((c) => [c.type, c] as const))('refuses %s with a future effective date: EFFECTIVE_DATE_IN_FUTURE', (_type, command) => {
    given(history)
      .when(command, ctx({ userId: contextFor(command).actor.userId, effectiveDate: '2026-04-01' }))
      .thenRefused('EFFECTIVE_DATE_IN_FUTURE', { effectiveDate: '2026-04-01', today: '2026-03-31' });
  });

  it('accepts a back-dated command', () => {
    given(history)
      .when({ type: 'BookRepayment', drawdownId: 'D1', amount: '1000000.00' }, ctx({ effectiveDate: '2026-02-01' }))
      .then([{ type: 'RepaymentBooked', data: { drawdownId: 'D1', limitId: 'L1', customerId: 'S', amount: '1000000.00', outstandingAfter: '9000000.00', exposureAfter: '9000000.00' } }]);
  });

  it('leaves the state it decides on untouched, whether it accepts or refuses', () => {
    const state = stateFrom(history);
    const picture = snapshot(state);
    const fields = { ...state };
    const refused: BookCommand[] = [
      { type: 'GrantLimit', limitId: 'LX', customerId: 'S', amount: '90000000.00', validFrom: '2026-01-01', validTo: '2026-12-31' },
      { type: 'BookRepayment', drawdownId: 'D1', amount: '10000000.01' },
    ];
    for (const command of [...everyCommand, ...refused]) decide(command, state, contextFor(command));
    expect(snapshot(state)).toBe(picture);
    for (const key of Object.keys(fields) as (keyof BookState)[]) expect(state[key]).toBe(fields[key]);
  });

  it('is deterministic: the same command on the same state gives the same decision', () => {
    const state = stateFrom(history);
    for (const command of everyCommand) expect(decide(command, state, contextFor(command))).toEqual(decide(command, state, contextFor(command)));
  });

  it('evolve leaves its input state untouched', () => {
    const state = stateFrom(history);
    const picture = snapshot(state);
    evolve(state, limitGranted('LZ', 'C', '1.00'));
    evolve(state, drawdownBooked('DZ', 'LA', 'A', '1.00'));
    expect(snapshot(state)).toBe(picture);
  });
});

describe('replay', () => {
  it('rebuilds exactly the state the commands led to from their events', () => {
    const admin = ctx({ userId: 'admin-1', roles: ['admin'] });
    const steps: [BookCommand, ReturnType<typeof ctx>][] = [
      [{ type: 'DeclareNetCapital', asOf: '2026-01-01', netCapital: '1000000000.00' }, admin],
      [{ type: 'RegisterCustomer', customerId: 'A', name: 'A Ltd', kind: 'enterprise' }, ctx()],
      [{ type: 'RegisterCustomer', customerId: 'B', name: 'B Ltd', kind: 'enterprise' }, ctx()],
      [{ type: 'RegisterCustomer', customerId: 'C', name: 'C Ltd', kind: 'enterprise' }, ctx()],
      [{ type: 'RecordRelation', relationId: 'A-B', from: 'A', to: 'B', relationType: 'equity', share: '0.6' }, ctx()],
      [{ type: 'GrantLimit', limitId: 'LA', customerId: 'A', amount: '80000000.00', validFrom: '2026-01-01', validTo: '2026-12-31' }, ctx()],
      [{ type: 'ApproveLimit', limitId: 'LA' }, approver],
      [{ type: 'GrantLimit', limitId: 'LC', customerId: 'C', amount: '80000000.00', validFrom: '2026-01-01', validTo: '2026-12-31' }, ctx()],
      [{ type: 'ApproveLimit', limitId: 'LC' }, approver],
      [{ type: 'BookDrawdown', drawdownId: 'D1', limitId: 'LA', amount: '30000000.00', product: 'acceptance', margin: '10000000.00' }, ctx()],
      [{ type: 'RecordRelation', relationId: 'B-C', from: 'B', to: 'C', relationType: 'consolidation' }, ctx()],
      [{ type: 'BookRepayment', drawdownId: 'D1', amount: '5000000.00' }, ctx()],
      [{ type: 'RemoveRelation', relationId: 'B-C' }, ctx()],
      [{ type: 'RenewLimit', limitId: 'LC', amount: '60000000.00', validTo: '2027-03-31' }, ctx()],
    ];
    let state = initialBookState;
    const log: BookEvent[] = [];
    for (const [command, context] of steps) {
      const step = accept(state, command, context);
      state = step.state;
      log.push(...step.events);
    }
    // C joining G000001 (80,000,000.00 + 80,000,000.00 = 160,000,000.00 > 150,000,000.00) opened a breach its leaving closed.
    expect(log.map((e) => e.type)).toEqual(expect.arrayContaining(['GroupMemberJoined', 'CapBreached', 'GroupMemberLeft', 'CapBreachCured']));
    // Every step was effective today, so replaying the log with today's date gives the same state.
    const replayed = log.reduce(evolveOn(TODAY), initialBookState);
    expect(replayed).toEqual(state);
    expect(snapshot(replayed)).toBe(snapshot(state));
  });
});
