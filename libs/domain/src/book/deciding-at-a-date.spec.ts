import { BookCommand, CommandContext } from './book.commands';
import { BookState, initialBookState } from './book.state';
import { decide } from './book.decide';
import { isRefusal } from '../shared/refusal';
import { accept, ctx } from '../testing/book.spec-dsl';
import { groupOn, limitOn, membersOn } from './book-on-date';

/**
 * domain.md section 4, "Deciding at a date": every command is decided against the book as it stood on its
 * effective date (a limit's amount, validity and status, what was outstanding, group membership, breach state,
 * net capital and policy), and must keep the book within its caps on every date from then to today.
 * Today is 2026-03-31 throughout. Amounts in yuan.
 */
const on = (effectiveDate: string, userId = 'officer-1'): CommandContext => ctx({ effectiveDate, userId, roles: ['officer', 'admin', 'approver'] });
const outcome = (command: BookCommand, state: BookState, context: CommandContext) => {
  const d = decide(command, state, context);
  return isRefusal(d) ? { code: d.code, details: d.details } : d.map((e) => e.type);
};

function book(...steps: [BookCommand, CommandContext][]): BookState {
  return steps.reduce((state, [command, context]) => accept(state, command, context).state, initialBookState);
}

const capital = (asOf: string, netCapital: string): BookCommand => ({ type: 'DeclareNetCapital', asOf, netCapital });
const register = (customerId: string, creditCode?: string): BookCommand => ({ type: 'RegisterCustomer', customerId, name: `${customerId} Ltd`, kind: 'enterprise', creditCode });
const grant = (limitId: string, customerId: string, amount: string, validFrom = '2026-01-01', validTo = '2026-12-31'): BookCommand => ({
  type: 'GrantLimit',
  limitId,
  customerId,
  amount,
  validFrom,
  validTo,
});
const draw = (drawdownId: string, limitId: string, amount: string): BookCommand => ({ type: 'BookDrawdown', drawdownId, limitId, amount, product: 'loan' });
const holds = (relationId: string, from: string, to: string, share: string): BookCommand => ({ type: 'RecordRelation', relationId, from, to, relationType: 'equity', share });

// Net capital 1,000,000,000.00 from 2025-12-31: single-customer cap 100,000,000.00, group cap 150,000,000.00.
const base: [BookCommand, CommandContext][] = [
  [capital('2025-12-31', '1000000000.00'), on('2026-01-02')],
  [register('S'), on('2026-01-02')],
  [register('P'), on('2026-01-02')],
  [register('A'), on('2026-01-02')],
];

describe('a back-dated drawdown is decided against the limit as it stood on its date', () => {
  it('does not draw on an amount granted later by a renewal', () => {
    // L1 10,000,000.00 from 01-05, renewed to 30,000,000.00 on 03-01. On 02-10 only 10,000,000.00 was available.
    const state = book(...base, [grant('L1', 'S', '10000000.00'), on('2026-01-05')], [{ type: 'RenewLimit', limitId: 'L1', amount: '30000000.00', validTo: '2026-12-31' }, on('2026-03-01')]);
    expect(limitOn(state, state.limits.get('L1')!, '2026-02-10')?.amount).toBe(1_000_000_000n);
    expect(outcome(draw('D1', 'L1', '20000000.00'), state, on('2026-02-10'))).toEqual({
      code: 'LIMIT_EXCEEDED',
      details: expect.objectContaining({ limit: '10000000.00', available: '10000000.00', requested: '20000000.00' }),
    });
    expect(outcome(draw('D1', 'L1', '20000000.00'), state, on('2026-03-10'))).toEqual(['DrawdownBooked']);
  });

  it('does not draw on a limit that had expired then and was only renewed afterwards', () => {
    // L1 valid 01-01..01-31, renewed on 02-20 until 12-31: on 02-10 it had expired.
    const state = book(...base, [grant('L1', 'S', '10000000.00', '2026-01-01', '2026-01-31'), on('2026-01-05')], [{ type: 'RenewLimit', limitId: 'L1', amount: '10000000.00', validTo: '2026-12-31' }, on('2026-02-20')]);
    expect(outcome(draw('D1', 'L1', '1000000.00'), state, on('2026-02-10'))).toEqual({ code: 'LIMIT_NOT_ACTIVE', details: expect.objectContaining({ validTo: '2026-01-31' }) });
    expect(outcome(draw('D1', 'L1', '1000000.00'), state, on('2026-02-20'))).toEqual(['DrawdownBooked']);
  });

  it('does not draw on a limit before its request was approved', () => {
    // 80,000,000.00 > the 66,000,000.00 escalation threshold: requested 01-05, approved 02-15 by another person.
    const state = book(...base, [grant('L1', 'S', '80000000.00'), on('2026-01-05')], [{ type: 'ApproveLimit', limitId: 'L1' }, on('2026-02-15', 'approver-1')]);
    expect(outcome(draw('D1', 'L1', '1000000.00'), state, on('2026-02-10'))).toEqual({ code: 'LIMIT_NOT_ACTIVE', details: expect.objectContaining({ status: 'pending' }) });
    expect(outcome(draw('D1', 'L1', '1000000.00'), state, on('2026-02-16'))).toEqual(['DrawdownBooked']);
  });

  it('leaves room for the drawdowns booked later on the same limit', () => {
    // L1 10,000,000.00; D2 8,000,000.00 drawn on 03-01. A drawdown of 3,000,000.00 back-dated to 02-01 fits what was
    // available on 02-01 (10,000,000.00), but on 03-01 it would leave 10,000,000.00 - 3,000,000.00 = 7,000,000.00
    // for D2's 8,000,000.00.
    const state = book(...base, [grant('L1', 'S', '10000000.00'), on('2026-01-05')], [draw('D2', 'L1', '8000000.00'), on('2026-03-01')]);
    expect(outcome(draw('D1', 'L1', '3000000.00'), state, on('2026-02-01'))).toEqual({ code: 'LIMIT_EXCEEDED', details: expect.objectContaining({ on: '2026-03-01' }) });
    expect(outcome(draw('D1', 'L1', '2000000.00'), state, on('2026-02-01'))).toEqual(['DrawdownBooked']);
  });
});

describe('a back-dated drawdown must fit the exposure cap on every date from its own to today', () => {
  it('is refused for a later date whose lower net capital its exposure would break', () => {
    // L1 65,000,000.00 (single cap 100,000,000.00). Net capital 500,000,000.00 as of 03-01 (cap 50,000,000.00: the
    // limit measure breaks it, a breach from 03-01), back to 1,000,000,000.00 as of 03-20. A loan of 60,000,000.00
    // back-dated to 02-10 fits 02-10 (60 <= 100) and today, but its exposure would be 60,000,000.00 > 50,000,000.00
    // on 03-01; 50,000,000.00 is within it on every date (65,000,000.00 is below the 66,000,000.00 escalation threshold).
    const state = book(
      ...base,
      [grant('L1', 'S', '65000000.00'), on('2026-01-05')],
      [capital('2026-03-01', '500000000.00'), on('2026-03-01')],
      [capital('2026-03-20', '1000000000.00'), on('2026-03-20')],
    );
    expect(outcome(draw('D1', 'L1', '60000000.00'), state, on('2026-02-10'))).toEqual({
      code: 'CUSTOMER_CAP_EXCEEDED',
      details: expect.objectContaining({ basis: 'exposure', cap: '50000000.00', requested: '60000000.00', on: '2026-03-01' }),
    });
    expect(outcome(draw('D1', 'L1', '50000000.00'), state, on('2026-02-10'))).toEqual(['DrawdownBooked']);
  });
});

describe('a back-dated grant must fit the cap on every date from its own to today', () => {
  it('is refused for a date in between whose lower net capital it would break', () => {
    // Net capital 500,000,000.00 as of 02-01 (cap 50,000,000.00), back to 1,000,000,000.00 as of 03-01. A grant of
    // 60,000,000.00 back-dated to 01-15 fits on 01-15 (cap 100,000,000.00) and today, but not on 02-01.
    const state = book(...base, [capital('2026-02-01', '500000000.00'), on('2026-02-01')], [capital('2026-03-01', '1000000000.00'), on('2026-03-01')]);
    expect(outcome(grant('L1', 'S', '60000000.00'), state, on('2026-01-15'))).toEqual({
      code: 'CUSTOMER_CAP_EXCEEDED',
      details: expect.objectContaining({ cap: '50000000.00', requested: '60000000.00', on: '2026-02-01' }),
    });
    expect(outcome(grant('L1', 'S', '50000000.00'), state, on('2026-01-15'))).toEqual(['LimitGranted']);
  });

  it('counts the group the customer was in on each date', () => {
    // A holds 40,000,000.00 in its own name. P holds 60% of A from 02-01: group {P, A}, cap 150,000,000.00. A grant of
    // 120,000,000.00 to P back-dated to 01-10 fits P alone on 01-10 (100,000,000.00 cap... no: 120 > 100) -> refused
    // there already; 90,000,000.00 fits P alone (<= 100,000,000.00) but with A's 40,000,000.00 from 02-01 the group
    // would hold 130,000,000.00 <= 150,000,000.00: granted. 115,000,000.00 breaks P's own cap on 01-10.
    const state = book(...base, [grant('LA', 'A', '40000000.00'), on('2026-01-05')], [holds('R1', 'P', 'A', '0.6'), on('2026-02-01')]);
    expect(outcome(grant('LP', 'P', '115000000.00'), state, on('2026-01-10'))).toEqual({ code: 'CUSTOMER_CAP_EXCEEDED', details: expect.objectContaining({ customerId: 'P', cap: '100000000.00' }) });
    expect(outcome(grant('LP', 'P', '90000000.00'), state, on('2026-01-10'))).toEqual(['LimitRequested']);
    // From 02-01 the group's 40 + 115 = 155,000,000.00 > 150,000,000.00 as well; 40 + 111 = 151 > 150 but 111 > 100 on 01-10.
    const later = book(...base, [grant('LA', 'A', '40000000.00'), on('2026-01-05')], [holds('R1', 'P', 'A', '0.6'), on('2026-02-01')]);
    expect(outcome(grant('LP', 'P', '111000000.00'), later, on('2026-02-10'))).toEqual({ code: 'GROUP_CAP_EXCEEDED', details: expect.objectContaining({ cap: '150000000.00', current: '40000000.00' }) });
  });
});

describe('a back-dated link groups over the relations in force on its date', () => {
  it('groups from its own date on, and not before', () => {
    const state = book(...base, [holds('R1', 'P', 'A', '0.6'), on('2026-02-01')]);
    expect(groupOn(state, 'A', '2026-01-31')).toBeUndefined();
    expect(groupOn(state, 'A', '2026-02-01')).toBe('G000001');
    expect(membersOn(state, 'G000001', '2026-03-31').sort()).toEqual(['A', 'P']);
  });

  it('restates the later date an unlink recorded earlier had changed, keeping the group its id', () => {
    // R1 (60%) from 01-10, removed as of 03-01: G000001 {P, A} dissolved on 03-01. Then P's board control of A is
    // recorded back-dated to 02-15: on 02-15 nothing changes (R1 still holds), but on 03-01 P still controls A, so
    // the group is restated from 03-01 under the id and name it had the day before.
    const state = book(...base, [holds('R1', 'P', 'A', '0.6'), on('2026-01-10')], [{ type: 'RemoveRelation', relationId: 'R1' }, on('2026-03-01')]);
    const decided = decide({ type: 'RecordRelation', relationId: 'R2', from: 'P', to: 'A', relationType: 'board' }, state, on('2026-02-15'));
    expect(decided).toEqual([
      { type: 'RelationRecorded', data: { relationId: 'R2', from: 'P', to: 'A', relationType: 'board', share: null } },
      { type: 'GroupFormed', data: { groupId: 'G000001', name: 'P Ltd', members: ['A', 'P'], effectiveFrom: '2026-03-01' } },
    ]);
  });

  it('refuses equity that would pass 100% on a later date', () => {
    // 70% of A recorded from 03-01; 40% back-dated to 02-01 is 40% on 02-01 but 110% from 03-01.
    const state = book(...base, [holds('R1', 'P', 'A', '0.7'), on('2026-03-01')]);
    expect(outcome(holds('R2', 'S', 'A', '0.4'), state, on('2026-02-01'))).toEqual({ code: 'EQUITY_OVER_100', details: expect.objectContaining({ on: '2026-03-01', held: '0.7' }) });
  });
});

describe('one legal person, one customer', () => {
  it('refuses a second customer with a credit code already registered, naming the holder', () => {
    const state = book([register('C1', '91350100M000100Y43'), on('2026-01-02')]);
    expect(outcome(register('C2', '91350100M000100Y43'), state, on('2026-01-03'))).toEqual({
      code: 'CREDIT_CODE_EXISTS',
      details: { creditCode: '91350100M000100Y43', customerId: 'C1' },
    });
  });
});

describe('self-approval', () => {
  it('is judged case-insensitively: OFFICER-1 cannot approve what officer-1 requested', () => {
    const state = book(...base, [grant('L1', 'S', '80000000.00'), on('2026-01-05')]);
    expect(outcome({ type: 'ApproveLimit', limitId: 'L1' }, state, on('2026-01-06', 'OFFICER-1'))).toEqual({ code: 'SELF_APPROVAL', details: expect.objectContaining({ requestedBy: 'officer-1' }) });
  });
});
