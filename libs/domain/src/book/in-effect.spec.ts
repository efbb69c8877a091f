import { BookCommand } from './book.commands';
import { BookState, initialBookState } from './book.state';
import { decide } from './book.decide';
import { accept, ctx } from '../testing/book.spec-dsl';
import { isRefusal } from '../shared/refusal';

/**
 * Back-dated commands (api.md: effectiveDate) may only act on what had taken effect by their own date.
 * Book: net capital from 2025-12-31; customers A and B registered 2026-02-01, a limit on A granted
 * 2026-02-10 (valid from 2026-01-01), drawn 2026-03-01, and a link A -> B recorded 2026-02-15.
 */
describe('back-dated commands and what had taken effect by their date', () => {
  const on = (effectiveDate: string) => ctx({ effectiveDate, roles: ['officer', 'admin'] });
  let state: BookState = initialBookState;
  const run = (command: BookCommand, date: string) => (state = accept(state, command, on(date)).state);
  run({ type: 'DeclareNetCapital', asOf: '2025-12-31', netCapital: '1000000000.00' }, '2026-01-02');
  run({ type: 'RegisterCustomer', customerId: 'A', name: 'A', kind: 'enterprise' }, '2026-02-01');
  run({ type: 'RegisterCustomer', customerId: 'B', name: 'B', kind: 'enterprise' }, '2026-02-01');
  run({ type: 'GrantLimit', limitId: 'L1', customerId: 'A', amount: '10000000.00', validFrom: '2026-01-01', validTo: '2026-12-31' }, '2026-02-10');
  run({ type: 'RecordRelation', relationId: 'R1', from: 'A', to: 'B', relationType: 'board' }, '2026-02-15');
  run({ type: 'BookDrawdown', drawdownId: 'D1', limitId: 'L1', amount: '1000000.00', product: 'loan' }, '2026-03-01');

  const refusedWith = (command: BookCommand, date: string) => {
    const decision = decide(command, state, on(date));
    return isRefusal(decision) ? { code: decision.code, details: decision.details } : 'accepted';
  };

  it.each<[string, BookCommand, string, Record<string, string>]>([
    ['a repayment before its drawdown', { type: 'BookRepayment', drawdownId: 'D1', amount: '1.00' }, '2026-02-20', { drawdownId: 'D1', inEffectFrom: '2026-03-01' }],
    ['a drawdown before its limit was granted', { type: 'BookDrawdown', drawdownId: 'D2', limitId: 'L1', amount: '1.00', product: 'loan' }, '2026-02-05', { limitId: 'L1', inEffectFrom: '2026-02-10' }],
    ['a grant before its customer was registered', { type: 'GrantLimit', limitId: 'L2', customerId: 'B', amount: '1.00', validFrom: '2026-01-01', validTo: '2026-12-31' }, '2026-01-20', { customerId: 'B', inEffectFrom: '2026-02-01' }],
    ['a link before its customers were registered', { type: 'RecordRelation', relationId: 'R2', from: 'B', to: 'A', relationType: 'guarantee' }, '2026-01-31', { customerId: 'B', inEffectFrom: '2026-02-01' }],
    ['an unlink before the link', { type: 'RemoveRelation', relationId: 'R1' }, '2026-02-14', { relationId: 'R1', inEffectFrom: '2026-02-15' }],
    ['a cancellation before the grant', { type: 'CancelLimit', limitId: 'L1' }, '2026-02-09', { limitId: 'L1', inEffectFrom: '2026-02-10' }],
  ])('refuses %s: EFFECTIVE_DATE_TOO_EARLY', (_what, command, date, details) => {
    expect(refusedWith(command, date)).toEqual({ code: 'EFFECTIVE_DATE_TOO_EARLY', details: expect.objectContaining({ effectiveDate: date, ...details }) });
  });

  it('accepts the same commands dated on or after what they act on', () => {
    expect(refusedWith({ type: 'BookRepayment', drawdownId: 'D1', amount: '1.00' }, '2026-03-01')).toBe('accepted');
    expect(refusedWith({ type: 'BookDrawdown', drawdownId: 'D2', limitId: 'L1', amount: '1.00', product: 'loan' }, '2026-02-10')).toBe('accepted');
    expect(refusedWith({ type: 'RecordRelation', relationId: 'R2', from: 'B', to: 'A', relationType: 'guarantee' }, '2026-02-01')).toBe('accepted');
  });
});
