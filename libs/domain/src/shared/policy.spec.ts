import { ctx, accept } from '../testing/book.spec-dsl';
import { initialBookState } from '../book/book.state';
import { decide } from '../book/book.decide';
import { isRefusal } from './refusal';
import { policyOn } from './policy';

/**
 * The policy in force on a date folds only the settings each change named, in order of effective date.
 * Net capital 1,000,000,000.00: a group cap of 15% is 150,000,000.00, of 12% 120,000,000.00.
 */
describe('policy in force on a date', () => {
  const admin = (effectiveDate: string) => ctx({ effectiveDate, userId: 'admin-1', roles: ['admin'] });
  let state = accept(initialBookState, { type: 'ChangePolicy', groupCapRatio: '0.15', escalationThreshold: '80000000.00' }, admin('2026-03-31')).state;
  // Recorded afterwards but effective earlier, and naming only the group cap ratio.
  state = accept(state, { type: 'ChangePolicy', groupCapRatio: '0.12' }, admin('2026-02-01')).state;

  it('a back-dated change holds only until the next dated change, and leaves other settings alone', () => {
    expect(policyOn(state.policyChanges, '2026-01-31')).toMatchObject({ groupCapRatio: '0.15', escalationThreshold: 6_600_000_000n });
    expect(policyOn(state.policyChanges, '2026-02-01')).toMatchObject({ groupCapRatio: '0.12', escalationThreshold: 6_600_000_000n });
    expect(policyOn(state.policyChanges, '2026-03-31')).toMatchObject({ groupCapRatio: '0.15', escalationThreshold: 8_000_000_000n });
  });

  it('caps a grant with the ratio in force on its own date', () => {
    state = accept(state, { type: 'DeclareNetCapital', asOf: '2025-12-31', netCapital: '1000000000.00' }, admin('2026-01-02')).state;
    state = accept(state, { type: 'RegisterCustomer', customerId: 'A', name: 'A', kind: 'enterprise' }, ctx({ effectiveDate: '2026-01-02' })).state;
    state = accept(state, { type: 'RegisterCustomer', customerId: 'B', name: 'B', kind: 'enterprise' }, ctx({ effectiveDate: '2026-01-02' })).state;
    state = accept(state, { type: 'RecordRelation', relationId: 'R', from: 'A', to: 'B', relationType: 'board' }, ctx({ effectiveDate: '2026-01-02' })).state;
    const grant = { type: 'GrantLimit' as const, limitId: 'L', customerId: 'A', amount: '130000000.00', validFrom: '2026-01-01', validTo: '2026-12-31' };
    // Today (2026-03-31) the ratio is 0.15 again: 130,000,000.00 <= 150,000,000.00; escalates above 80,000,000.00.
    const today = decide(grant, state, ctx());
    expect(isRefusal(today) ? today.code : today.map((e) => e.type)).toEqual(['LimitRequested']);
    // On 2026-02-15 the 0.12 change was in force: 130,000,000.00 > 120,000,000.00.
    const then = decide(grant, state, ctx({ effectiveDate: '2026-02-15' }));
    expect(isRefusal(then) && [then.code, then.details?.cap]).toEqual(['GROUP_CAP_EXCEEDED', '120000000.00']);
  });
});
