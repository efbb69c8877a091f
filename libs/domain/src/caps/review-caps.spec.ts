import { capBreachCured, capBreached, controlledPair, customers, group, limitGranted, netCapitalDeclared, standalone } from '../testing/book.fixtures';
import { allocated, groupLimitInForce } from '../testing/group-limit.fixtures';
import { ctx, given } from '../testing/book.spec-dsl';

/**
 * Time alone moves the measures: a limit that expires with nothing outstanding stops counting. ReviewCaps
 * measures every subject as of today. Net capital 1,000,000,000.00 → single-customer cap 100,000,000.00.
 */
// S was granted 120,000,000.00 until 2026-02-28 when the cap was higher; a lower declaration put it in breach. T is
// within its cap at 90,000,000.00 (L2, until 2026-12-31).
const history = [
  netCapitalDeclared('1000000000.00'),
  ...customers('S', 'T'),
  limitGranted('L1', 'S', '120000000.00', { validTo: '2026-02-28' }),
  limitGranted('L2', 'T', '90000000.00', { validTo: '2026-12-31' }),
  capBreached(standalone('S'), 'limit', { measure: '120000000.00', cap: '100000000.00', netCapital: '1000000000.00', ratio: '0.10' }),
];

describe('ReviewCaps', () => {

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

/**
 * ReviewCaps { since }: the book was reviewed on `since` (a full review then would have recorded nothing), so only
 * the subjects time alone moved since are measured (review-scope.ts): those holding a limit or group limit whose
 * validTo is in [since, today). Anything dated after `since` (a declaration, a policy, any fact) means every subject.
 */
describe('ReviewCaps since the last review', () => {
  // The same book (history, above): net capital 1,000,000,000.00, single-customer cap 10% = 100,000,000.00.
  const cap100m = { cap: '100000000.00', netCapital: '1000000000.00', ratio: '0.10' };

  it('measures a subject whose limit expired since, and records what the full review records', () => {
    // Reviewed on 2026-02-28: L1 still counted (02-28 <= validTo), 120,000,000.00 > 100,000,000.00 and the breach was
    // open; T's 90,000,000.00 was within. L1's validTo 02-28 is in [02-28, 03-31): on 03-31 it has expired with
    // nothing outstanding and no renewal pending, so S reports 0.00 and is back under its cap.
    const expected = [capBreachCured(standalone('S'), 'limit', { measure: '0.00', ...cap100m })];
    given(history).when({ type: 'ReviewCaps', since: '2026-02-28' }).then(expected);
    given(history).when({ type: 'ReviewCaps' }).then(expected);
  });

  it('measures every subject in breach today, whatever `since` says', () => {
    // L1 expired on 2026-02-28, before 2026-03-01, so no limit's validTo is in [03-01, 03-31). This book was in fact
    // never reviewed on 03-01 (that review would have cured S): S is still in breach, so it is measured all the same
    // and cured (0.00 <= 100,000,000.00), as the full review does. A breach is the one verdict time can change.
    const cured = capBreachCured(standalone('S'), 'limit', { measure: '0.00', ...cap100m });
    given(history).when({ type: 'ReviewCaps', since: '2026-03-01' }).then([cured]);
    given(history).when({ type: 'ReviewCaps' }).thenIncludes([cured]);
  });

  it('measures nothing when the book was reviewed today already', () => {
    // since = today: the full review of this very date recorded nothing, and nothing is dated after it.
    given(history).when({ type: 'ReviewCaps', since: '2026-03-31' }).then([]);
  });

  it('reviews every subject when a net capital declared after `since` applies', () => {
    // Net capital 800,000,000.00 as of 2026-03-15 (after since 2026-02-28): the single-customer cap is 80,000,000.00
    // for everyone. S: L1 expired, 0.00, cured. T: 90,000,000.00 > 80,000,000.00, a new limit breach, though T holds
    // no limit that expired: only the full review finds it.
    const cap80m = { cap: '80000000.00', netCapital: '800000000.00', ratio: '0.10' };
    given(history, netCapitalDeclared('800000000.00', '2026-03-15'))
      .when({ type: 'ReviewCaps', since: '2026-02-28' })
      .then([
        capBreachCured(standalone('S'), 'limit', { measure: '0.00', ...cap80m }),
        capBreached(standalone('T'), 'limit', { measure: '90000000.00', ...cap80m }),
      ]);
  });

  it("measures the group of a group limit that expired since", () => {
    // Group G000001 of A and B: group cap 15% of 1,000,000,000.00 = 150,000,000.00. Its group limit GL1 of
    // 160,000,000.00 (until 2026-03-10) counts in place of A's allocation LA under it (until 2026-02-20): 160,000,000.00
    // > 150,000,000.00, the open breach, as reviewed on 03-01. On 2026-03-31 GL1 has expired with nothing outstanding
    // and no renewal pending: it reports 0.00, and LA counts under GL1 while GL1 is approved, so G000001 reports 0.00:
    // cured. No limit of A or B expired in [03-01, 03-31) (LA did before): only GL1's validTo names the group.
    const groupHistory = [
      netCapitalDeclared('1000000000.00'),
      ...controlledPair('G000001', 'A', 'B'),
      ...groupLimitInForce('GL1', 'G000001', '160000000.00', { validTo: '2026-03-10' }),
      allocated('LA', 'A', '100000000.00', 'GL1', { validTo: '2026-02-20' }),
      capBreached(group('G000001'), 'limit', { measure: '160000000.00', cap: '150000000.00', netCapital: '1000000000.00', ratio: '0.15' }),
    ];
    given(groupHistory)
      .when({ type: 'ReviewCaps', since: '2026-03-01' })
      .then([capBreachCured(group('G000001'), 'limit', { measure: '0.00', cap: '150000000.00', netCapital: '1000000000.00', ratio: '0.15' })]);
  });

  it('measures a group whose group limit has no allocation: none of its members holds a limit', () => {
    // Group G000001 of A and B, no limit of either: only GL1 of 160,000,000.00 (until 2026-03-10) counts, 160,000,000.00
    // > 150,000,000.00 (15% of 1,000,000,000.00), the open breach. On 2026-03-31 GL1 has expired with nothing
    // outstanding and no renewal pending: G000001 reports 0.00, cured. The full review and the review since 03-01 must
    // both find it, though no customer of the group holds a limit.
    const groupHistory = [
      netCapitalDeclared('1000000000.00'),
      ...controlledPair('G000001', 'A', 'B'),
      ...groupLimitInForce('GL1', 'G000001', '160000000.00', { validTo: '2026-03-10' }),
      capBreached(group('G000001'), 'limit', { measure: '160000000.00', cap: '150000000.00', netCapital: '1000000000.00', ratio: '0.15' }),
    ];
    const cured = [capBreachCured(group('G000001'), 'limit', { measure: '0.00', cap: '150000000.00', netCapital: '1000000000.00', ratio: '0.15' })];
    given(groupHistory).when({ type: 'ReviewCaps' }).then(cured);
    given(groupHistory).when({ type: 'ReviewCaps', since: '2026-03-01' }).then(cured);
  });
});
