import { capBreachCured, capBreached, customers, limitGranted, netCapitalDeclared, standalone } from '../testing/book.fixtures';
import { ctx, given } from '../testing/book.spec-dsl';

/**
 * Time alone moves the measures: a limit that expires with nothing outstanding stops counting. ReviewCaps
 * measures every subject as of today. Net capital 1,000,000,000.00 → single-customer cap 100,000,000.00.
 */
describe('ReviewCaps', () => {
  // S was granted 120,000,000.00 until 2026-02-28 when the cap was higher; a lower declaration put it in breach.
  const history = [
    netCapitalDeclared('1000000000.00'),
    ...customers('S', 'T'),
    limitGranted('L1', 'S', '120000000.00', { validTo: '2026-02-28' }),
    limitGranted('L2', 'T', '90000000.00', { validTo: '2026-12-31' }),
    capBreached(standalone('S'), 'limit', { measure: '120000000.00', cap: '100000000.00', netCapital: '1000000000.00', ratio: '0.10' }),
  ];

  it('cures a breach that ended because the limit expired with nothing outstanding', () => {
    // As of 2026-03-31 L1 has expired, no renewal is pending and nothing is outstanding: it reports 0.00.
    given(history)
      .when({ type: 'ReviewCaps' })
      .then([capBreachCured(standalone('S'), 'limit', { measure: '0.00', cap: '100000000.00', netCapital: '1000000000.00', ratio: '0.10' })]);
  });

  it('records nothing while every measure stays where the breaches say', () => {
    // On 2026-02-28 L1 is still in force: 120,000,000.00 > 100,000,000.00, and the breach is already open.
    given(history)
      .when({ type: 'ReviewCaps' }, ctx({ today: '2026-02-28' }))
      .then([]);
  });
});
