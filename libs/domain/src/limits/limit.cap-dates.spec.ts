import { BookCommand, CommandContext } from '../book/book.commands';
import { BookState, initialBookState } from '../book/book.state';
import { decide } from '../book/book.decide';
import { isRefusal } from '../shared/refusal';
import { accept, ctx } from '../testing/book.spec-dsl';

/**
 * The limit cap on the dates a limit is in force, and a renewal counted at what the limit will report.
 * Net capital 1,000,000,000.00 declared as of 2025-12-31 → single-customer cap 10% = 100,000,000.00;
 * 500,000,000.00 as of 2026-03-01 → 50,000,000.00. Today is 2026-03-31.
 */
const officer = (effectiveDate?: string): CommandContext => ctx({ effectiveDate, roles: ['officer', 'admin'] });
const approver = ctx({ userId: 'approver-1', roles: ['approver'] });
const outcome = (command: BookCommand, state: BookState, context: CommandContext) => {
  const d = decide(command, state, context);
  return isRefusal(d) ? { code: d.code, details: d.details } : d.map((e) => e.type);
};

describe('the limit cap on the dates a limit is in force', () => {
  let state = initialBookState;
  const run = (command: BookCommand, context: CommandContext) => (state = accept(state, command, context).state);
  run({ type: 'DeclareNetCapital', asOf: '2025-12-31', netCapital: '1000000000.00' }, officer('2026-01-02'));
  run({ type: 'RegisterCustomer', customerId: 'S', name: 'S', kind: 'enterprise' }, officer('2026-01-02'));
  run({ type: 'DeclareNetCapital', asOf: '2026-03-01', netCapital: '500000000.00' }, officer('2026-03-01'));

  it('refuses a back-dated grant that fits the cap of its date but not the cap of today, while it is in force today', () => {
    // 60,000,000.00 <= 100,000,000.00 on 2026-02-15, but the limit runs to 2026-12-31 and 60,000,000.00 > 50,000,000.00 today.
    const grant: BookCommand = { type: 'GrantLimit', limitId: 'L1', customerId: 'S', amount: '60000000.00', validFrom: '2026-01-01', validTo: '2026-12-31' };
    expect(outcome(grant, state, officer('2026-02-15'))).toEqual({ code: 'CUSTOMER_CAP_EXCEEDED', details: expect.objectContaining({ cap: '50000000.00', requested: '60000000.00' }) });
  });

  it('accepts it when the limit has ended before today: it only ever counted under the old cap', () => {
    const grant: BookCommand = { type: 'GrantLimit', limitId: 'L1', customerId: 'S', amount: '60000000.00', validFrom: '2026-01-01', validTo: '2026-02-28' };
    expect(outcome(grant, state, officer('2026-02-15'))).toEqual(['LimitGranted']);
  });
});

describe('a renewal counted at what the limit will report', () => {
  // 1,000,000,000.00 → cap 100,000,000.00; escalation above 66,000,000.00 (default).
  let state = initialBookState;
  const run = (command: BookCommand, context: CommandContext = officer('2026-01-02')) => (state = accept(state, command, context).state);
  run({ type: 'DeclareNetCapital', asOf: '2025-12-31', netCapital: '1000000000.00' });
  run({ type: 'RegisterCustomer', customerId: 'S', name: 'S', kind: 'enterprise' });
  run({ type: 'GrantLimit', limitId: 'LP', customerId: 'S', amount: '56000000.00', validFrom: '2026-01-01', validTo: '2026-12-31' });
  run({ type: 'GrantLimit', limitId: 'LA', customerId: 'S', amount: '10000000.00', validFrom: '2026-01-01', validTo: '2026-12-31' });
  run({ type: 'BookDrawdown', drawdownId: 'D1', limitId: 'LA', amount: '10000000.00', product: 'loan' });

  it('escalates a renewal below the outstanding: the limit still reports its 10,000,000.00 outstanding', () => {
    // After renewing LA at 1,000,000.00 it reports max(1,000,000.00, 10,000,000.00): 56,000,000.00 + 10,000,000.00 = 66,000,000.00,
    // which is not above the threshold; a renewal at 11,000,000.00 reports 67,000,000.00 and is only a request.
    expect(outcome({ type: 'RenewLimit', limitId: 'LA', amount: '1000000.00', validTo: '2027-03-31' }, state, officer())).toEqual(['LimitRenewed']);
    expect(outcome({ type: 'RenewLimit', limitId: 'LA', amount: '11000000.00', validTo: '2027-03-31' }, state, officer())).toEqual(['LimitRenewalRequested']);
  });

  it('refuses to approve a request whose validity has already ended', () => {
    run({ type: 'GrantLimit', limitId: 'LX', customerId: 'S', amount: '30000000.00', validFrom: '2026-01-01', validTo: '2026-03-15' }, officer('2026-03-01'));
    // 56 + 10 + 30 = 96,000,000.00 > 66,000,000.00: a request, approved only after its end date has passed.
    expect(outcome({ type: 'ApproveLimit', limitId: 'LX' }, state, approver)).toEqual({ code: 'LIMIT_NOT_ACTIVE', details: expect.objectContaining({ limitId: 'LX', validTo: '2026-03-15' }) });
  });
});
