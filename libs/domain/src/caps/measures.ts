import { BookState, Limit } from '../book/book.state';
import { membersOf } from '../book/subject';
import { BusinessDate } from '../shared/business-date';
import { Fen, applyRatio, formatMoney, maxFen } from '../shared/money';
import { Refusal, refuse } from '../shared/refusal';
import { policyOn } from '../shared/policy';
import { CapBasis, Subject } from './cap.events';

/**
 * What a limit contributes to the reported comprehensive limit on a date (domain.md sections 2 and 5):
 * an approved limit counts at its amount (or its outstanding, if that is higher) until it expires;
 * once expired it is carried forward while a renewal is pending, else reported at what is still outstanding.
 * Pending, rejected and cancelled limits count for nothing.
 */
export function reportedLimit(limit: Limit, date: BusinessDate): Fen {
  if (limit.status !== 'active') return 0n;
  if (date <= limit.validTo || limit.pendingRenewal) return maxFen(limit.amount, limit.outstanding);
  return limit.outstanding;
}

export interface Measures {
  /** Reported comprehensive limit: the limit-cap measure. */
  limit: Fen;
  /** Outstanding minus deductible margin: the exposure-cap measure. */
  exposure: Fen;
  outstanding: Fen;
}

export function measuresOf(state: BookState, subject: Subject, date: BusinessDate): Measures {
  let limit = 0n;
  let exposure = 0n;
  let outstanding = 0n;
  for (const customerId of membersOf(state, subject)) {
    for (const l of state.limitsByCustomer.get(customerId) ?? []) {
      limit += reportedLimit(l, date);
      exposure += l.exposure;
      outstanding += l.outstanding;
    }
  }
  return { limit, exposure, outstanding };
}

export function netCapitalOn(state: BookState, date: BusinessDate): Fen | undefined {
  return state.capital.findLast((d) => d.asOf <= date)?.netCapital;
}

export interface Cap {
  cap: Fen;
  netCapital: Fen;
  ratio: string;
}

/** groupCapRatio x net capital for a group, singleCustomerCapRatio x net capital for a standalone customer. */
export function capOf(state: BookState, subject: Subject, date: BusinessDate): Cap | undefined {
  const netCapital = netCapitalOn(state, date);
  if (netCapital === undefined) return undefined;
  const policy = policyOn(state.policyChanges, date);
  const ratio = subject.subjectType === 'group' ? policy.groupCapRatio : policy.singleCustomerCapRatio;
  return { cap: applyRatio(ratio, netCapital), netCapital, ratio };
}

export function netCapitalNotDeclared(date: BusinessDate): Refusal {
  return refuse('NET_CAPITAL_NOT_DECLARED', `no net capital has been declared on or before ${date}; every grant and drawdown is refused until an administrator declares it`);
}

/** The refusal when `after` would go over the cap: only "more than" breaks a cap. */
export function capExceeded(subject: Subject, basis: CapBasis, cap: Cap, current: Fen, requested: Fen): Refusal | undefined {
  const after = current + requested;
  if (after <= cap.cap) return undefined;
  const who = subject.subjectType === 'group' ? `group ${subject.groupId}` : `customer ${subject.customerId}`;
  const measure = basis === 'limit' ? 'comprehensive limit' : 'exposure';
  return refuse(
    subject.subjectType === 'group' ? 'GROUP_CAP_EXCEEDED' : 'CUSTOMER_CAP_EXCEEDED',
    `${who}: ${measure} would be ${formatMoney(after)}, over its cap of ${formatMoney(cap.cap)} (${cap.ratio} of net capital ${formatMoney(cap.netCapital)})`,
    {
      basis,
      subjectType: subject.subjectType,
      groupId: subject.subjectType === 'group' ? subject.groupId : null,
      customerId: subject.subjectType === 'customer' ? subject.customerId : null,
      cap: formatMoney(cap.cap),
      current: formatMoney(current),
      requested: formatMoney(requested),
      after: formatMoney(after),
      netCapital: formatMoney(cap.netCapital),
      ratio: cap.ratio,
    },
  );
}
