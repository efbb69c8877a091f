import { BookEvent, evolve, initialBookState } from '@groupcap/domain';
import { reviewedOn } from './reviewed-on';

/**
 * Net capital 100,000,000.00: single-customer cap 10% = 10,000,000.00 (default policy). C holds a limit of
 * 8,000,000.00, valid to 2026-06-30: under the cap on every date, so a review records nothing.
 */
const events: BookEvent[] = [
  { type: 'NetCapitalDeclared', data: { asOf: '2026-01-01', netCapital: '100000000.00' } },
  { type: 'CustomerRegistered', data: { customerId: 'C', name: 'C 有限公司', kind: 'enterprise', creditCode: null } },
  { type: 'LimitGranted', data: { limitId: 'L1', customerId: 'C', amount: '8000000.00', validFrom: '2026-01-01', validTo: '2026-06-30', riskClass: 'standard', branch: null } },
];
const consistent = events.reduce(evolve, initialBookState);

describe('reviewedOn: whether the day\'s review of every subject would record nothing', () => {
  it('gives the date when every subject\'s breach state already matches its measures', () => {
    expect(reviewedOn(consistent, '2026-03-31')).toBe('2026-03-31');
  });

  it('gives nothing when the review would record a breach or a cure', () => {
    // A breach recorded at 12,000,000.00 > 10,000,000.00 that the measures (8,000,000.00 today) no longer bear:
    // the review would cure it as back under the cap.
    const stale = evolve(consistent, {
      type: 'CapBreached',
      data: { subjectType: 'customer', customerId: 'C', basis: 'limit', measure: '12000000.00', cap: '10000000.00', netCapital: '100000000.00', ratio: '0.10' },
    });
    expect(reviewedOn(stale, '2026-03-31')).toBeUndefined();
    // Lower net capital, 50,000,000.00: cap 5,000,000.00 < 8,000,000.00, recorded without its breach.
    const lowered = evolve(consistent, { type: 'NetCapitalDeclared', data: { asOf: '2026-03-01', netCapital: '50000000.00' } });
    expect(reviewedOn(lowered, '2026-03-31')).toBeUndefined();
  });
});
