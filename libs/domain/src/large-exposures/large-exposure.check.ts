import { BookState, Drawdown } from '../book/book.state';
import { datesFrom } from '../book/book-on-date';
import { BusinessDate } from '../shared/business-date';
import { Fen, formatMoney } from '../shared/money';
import { Policy, policyOn, refuses } from '../shared/policy';
import { Refusal, refuse } from '../shared/refusal';
import { clientsFigures, drawdownFigures, largeExposureCapsOf, measureFor, LargeExposureCap, tier1NetCapitalOn } from './large-exposure.measure';
import { LargeExposureSubjectOn, largeExposureSubjectsOf } from './large-exposure.subjects';
import { openLargeExposureBreachesOn } from './large-exposure.breaches';

/** The new drawdown as the 2018 measure sees it: booked today, nothing repaid, its margin (or all of it, low-risk) as cover. */
export type NewDrawdown = Pick<Drawdown, 'product' | 'covered'> & { amount: Fen };

/**
 * domain.md section 8: while the 2018 regime refuses (policy `regimes` on the date) and tier-1 net capital is
 * declared, a drawdown is refused
 *  - on its effective date, while the client or its connected group has an open 2018 breach (as in section 4:
 *    CUSTOMER_IN_BREACH for the client, GROUP_IN_BREACH for its connected group, with `regime` 'nfra-2018');
 *  - when, on its effective date or any later date on which something took effect (the drawdown stays outstanding
 *    on all of them), it would take the client or its connected group of that day over a 2018 cap:
 *    LARGE_EXPOSURE_CAP_EXCEEDED with the basis and the figures.
 * A sovereign client is exempt: nothing is checked. On a date without tier-1 nothing is measured at all; with
 * nfra-2018 left out of `regimes` nothing is refused on the 2018 caps, but their breaches are still recorded.
 */
export function largeExposureRefusal(state: BookState, customerId: string, drawdown: NewDrawdown, date: BusinessDate, today: BusinessDate): Refusal | undefined {
  for (const on of datesFrom(state, date, today)) {
    const policy = policyOn(state.policyChanges, on);
    if (!refuses(policy, 'nfra-2018') || !measured(state, on)) continue;
    const subjects = largeExposureSubjectsOf(state, customerId, on);
    if (on === date) {
      const inBreach = inBreachOn(state, customerId, subjects, date, policy);
      if (inBreach) return inBreach;
    }
    const added = drawdownFigures({ ...drawdown, outstanding: drawdown.amount } as Drawdown, drawdown.amount, policy);
    for (const s of subjects) {
      const caps = largeExposureCapsOf(state, s.subject, s.members, on, policy);
      if (caps.length === 0) continue;
      const current = clientsFigures(state, s.members, on, policy);
      for (const cap of caps) {
        const requested = measureFor(cap.basis, added);
        if (requested === 0n) continue;
        const before = measureFor(cap.basis, current);
        if (before + requested > cap.cap) return capExceeded(s, cap, before, requested, on === today ? undefined : on);
      }
    }
  }
  return undefined;
}

/** Tier-1 net capital is in force on the date: else the 2018 regime is not checked, and nothing is walked. */
function measured(state: BookState, date: BusinessDate): boolean {
  const tier1 = tier1NetCapitalOn(state, date);
  return tier1 !== null && tier1 !== undefined;
}

function inBreachOn(state: BookState, customerId: string, subjects: readonly LargeExposureSubjectOn[], date: BusinessDate, policy: Policy): Refusal | undefined {
  for (const s of subjects) {
    // No caps on the date (no tier-1 declared, or a sovereign): the 2018 regime is not checked.
    if (largeExposureCapsOf(state, s.subject, s.members, date, policy).length === 0) continue;
    const open = openLargeExposureBreachesOn(state, s.key, date);
    if (open.isEmpty()) continue;
    const bases = [...open.keys()];
    if (s.subject.subjectType === 'customer') {
      return refuse('CUSTOMER_IN_BREACH', `customer ${customerId} is over its 2018 large-exposure cap on ${date} (${bases.join(', ')}); drawdowns are refused until it is cured`, {
        regime: 'nfra-2018',
        customerId,
        bases,
      });
    }
    return refuse('GROUP_IN_BREACH', `connected group ${s.subject.connectedGroupId} (${s.members.join(', ')}) is over its 2018 large-exposure cap on ${date} (${bases.join(', ')}); drawdowns are refused until it is cured`, {
      regime: 'nfra-2018',
      groupId: null,
      connectedGroupId: s.subject.connectedGroupId,
      members: s.members,
      bases,
    });
  }
  return undefined;
}

function capExceeded(s: LargeExposureSubjectOn, cap: LargeExposureCap, current: Fen, requested: Fen, on: BusinessDate | undefined): Refusal {
  const after = current + requested;
  const who = s.subject.subjectType === 'customer' ? `customer ${s.subject.customerId}` : `connected group ${s.subject.connectedGroupId} (${s.members.join(', ')})`;
  const measure = cap.basis === 'single-client-loans' ? 'loans' : '2018 exposure';
  const base = cap.capitalBase === 'net-capital' ? 'net capital' : 'tier-1 net capital';
  return refuse(
    'LARGE_EXPOSURE_CAP_EXCEEDED',
    `${who}: ${measure} would be ${formatMoney(after)}${on ? ` on ${on}` : ''}, over its ${cap.basis} cap of ${formatMoney(cap.cap)} (${cap.ratio} of ${base} ${formatMoney(cap.base)})`,
    {
      regime: 'nfra-2018',
      basis: cap.basis,
      subjectType: s.subject.subjectType,
      customerId: s.subject.subjectType === 'customer' ? s.subject.customerId : null,
      connectedGroupId: s.subject.subjectType === 'connected-group' ? s.subject.connectedGroupId : null,
      members: s.members,
      cap: formatMoney(cap.cap),
      current: formatMoney(current),
      requested: formatMoney(requested),
      after: formatMoney(after),
      ratio: cap.ratio,
      capitalBase: cap.capitalBase,
      netCapital: formatMoney(cap.netCapital),
      tier1NetCapital: formatMoney(cap.tier1NetCapital),
      ...(on ? { on } : {}),
    },
  );
}
