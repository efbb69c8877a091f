import { Set as ISet } from 'immutable';
import { BookState, Limit } from '../book/book.state';
import { membersOf } from '../book/subject';
import { limitsOn } from '../book/book-on-date';
import { BusinessDate } from '../shared/business-date';
import { Fen, applyRatio, formatMoney, maxFen, ratioOf } from '../shared/money';
import { Refusal, refuse } from '../shared/refusal';
import { policyOn, refuses } from '../shared/policy';
import { CbrcBasis as CapBasis, CapBasis as AnyCapBasis, Subject } from './cap.events';
import { declarationOn } from '../capital/capital-on-date';
import { countsUnderGroupLimit, groupLimitsReported } from '../group-limits/group-limit-on-date';

/** What one limit adds to the reported comprehensive limit on a date (domain.md sections 2 and 5). */
export interface LimitContribution {
  reported: Fen;
  /** Expired on the date with a renewal pending: counted at its previous amount, a flag the report shows. */
  carriedForward: boolean;
}

/**
 * Credit under no approved limit (domain.md section 5) is reported at the sum of all of it, on- and
 * off-balance, high- and low-risk: the nominal outstanding, so the margin-covered part is added back.
 */
export function creditWithoutLimit(outstanding: Fen): LimitContribution {
  return { reported: outstanding, carriedForward: false };
}

/**
 * An approved limit counts at its amount (or its outstanding, if that is higher) until it expires; once
 * expired it is carried forward while a renewal is pending, else only what is still outstanding counts.
 * Any other limit (pending, rejected, cancelled) is no comprehensive limit: only credit drawn under it would
 * count. The write model never holds such credit (drawdowns need an approved limit, cancelling needs nothing
 * outstanding), so there it counts for nothing; a read as of a date can meet it.
 * An approved limit counts from its grant even before its validFrom: the bank has committed it.
 */
export function limitContribution(limit: Limit, date: BusinessDate): LimitContribution {
  if (limit.status !== 'active') return creditWithoutLimit(limit.outstanding);
  if (date <= limit.validTo) return { reported: maxFen(limit.amount, limit.outstanding), carriedForward: false };
  if (limit.pendingRenewal) return { reported: maxFen(limit.amount, limit.outstanding), carriedForward: true };
  return creditWithoutLimit(limit.outstanding);
}

export function reportedLimit(limit: Limit, date: BusinessDate): Fen {
  return limitContribution(limit, date).reported;
}

export interface Measures {
  /** Reported comprehensive limit: the limit-cap measure. */
  limit: Fen;
  /** Outstanding minus deductible margin: the exposure-cap measure. */
  exposure: Fen;
  outstanding: Fen;
}

/** The two figures a cap is applied to (domain.md section 4). */
export type CapMeasures = Pick<Measures, CapBasis>;

/**
 * The subject's measures on the date: its members then, each limit's terms and balances then. A group's group
 * limits count once each, in place of the allocations under them (domain.md section 2, group unified credit):
 * the allocations' balances still count toward outstanding and exposure.
 */
export function measuresOf(state: BookState, subject: Subject, date: BusinessDate): Measures {
  let limit = 0n;
  let exposure = 0n;
  let outstanding = 0n;
  const groupId = subject.subjectType === 'group' ? subject.groupId : undefined;
  const add = (customerId: string) => {
    for (const l of limitsOn(state, customerId, date)) {
      if (!countsUnderGroupLimit(state, l, groupId, date)) limit += limitContribution(l, date).reported;
      exposure += l.exposure;
      outstanding += l.outstanding;
    }
  };
  const members = membersOf(state, subject, date);
  // Several times per command (each cap, before and after): a group's members walked as an array, not through the
  // persistent set's trie (a profile of the commands' mix put that walk at half of this function's time).
  for (const customerId of ISet.isSet(members) ? memberList(members as ISet<string>) : members) add(customerId);
  if (groupId !== undefined && state.groupLimitsByGroup.has(groupId)) limit += groupLimitsReported(state, groupId, date).reported;
  return { limit, exposure, outstanding };
}

/** Each member set's members as an array, made once per set: a persistent set never changes, and dies with its book. */
const memberLists = new WeakMap<ISet<string>, readonly string[]>();

function memberList(members: ISet<string>): readonly string[] {
  let list = memberLists.get(members);
  if (list === undefined) memberLists.set(members, (list = members.toArray()));
  return list;
}

export function netCapitalOn(state: BookState, date: BusinessDate): Fen | undefined {
  return declarationOn(state.capital, date)?.netCapital;
}

export interface Cap {
  cap: Fen;
  netCapital: Fen;
  ratio: string;
  /**
   * Whether the 2010 regime refuses commands on the date (policy `regimes`, domain.md section 8). When it does
   * not, its caps are still measured and their breaches recorded, but no grant or drawdown is refused on them.
   */
  refuses: boolean;
}

/** groupCapRatio x net capital for a group, singleCustomerCapRatio x net capital for a standalone customer. */
export function capOf(state: BookState, subject: Subject, date: BusinessDate): Cap | undefined {
  const netCapital = netCapitalOn(state, date);
  if (netCapital === undefined) return undefined;
  const policy = policyOn(state.policyChanges, date);
  const ratio = subject.subjectType === 'group' ? policy.groupCapRatio : policy.singleCustomerCapRatio;
  return { cap: applyRatio(ratio, netCapital), netCapital, ratio, refuses: refuses(policy, 'cbrc-2010') };
}

export function netCapitalNotDeclared(date: BusinessDate): Refusal {
  return refuse('NET_CAPITAL_NOT_DECLARED', `no net capital has been declared on or before ${date}; every grant and drawdown is refused until an administrator declares it`);
}

/** Only "more than" breaks a cap: a measure equal to its cap is within it (domain.md section 4). */
export function breaksCap(measure: Fen, cap: Pick<Cap, 'cap'>): boolean {
  return measure > cap.cap;
}

const CAP_BASES: readonly CapBasis[] = ['limit', 'exposure'];

/** The bases (limit first) whose measure is over the cap; empty when the subject is within both. */
export function overCap(measures: CapMeasures, cap: Pick<Cap, 'cap'>): AnyCapBasis[] {
  return CAP_BASES.filter((basis) => breaksCap(measures[basis], cap));
}

/** Both caps are the same figure, so the larger measure is the binding one. */
function bindingMeasure(measures: CapMeasures): Fen {
  return maxFen(measures.limit, measures.exposure);
}

/** What the binding measure may still grow by before it breaks the cap; negative when already over it. */
export function headroom(measures: CapMeasures, cap: Pick<Cap, 'cap'>): Fen {
  return cap.cap - bindingMeasure(measures);
}

/**
 * The binding measure (the larger of limit and exposure) over the cap, to 4 decimals rounded half up
 * (ratioOf; a zero cap gives "0.0000"). In breach exactly when the unrounded ratio is above 1, so a
 * rounded "1.0000" can still be a breach by a few fen: overCap() is the test, this is the figure.
 */
export function capUtilization(measures: CapMeasures, cap: Pick<Cap, 'cap'>): string {
  return ratioOf(bindingMeasure(measures), cap.cap);
}

/** The refusal when `after` would go over the cap; `on` names the date checked (a back-dated command checks several). */
export function capExceeded(subject: Subject, basis: CapBasis, cap: Cap, current: Fen, requested: Fen, on?: BusinessDate): Refusal | undefined {
  const after = current + requested;
  if (!cap.refuses || !breaksCap(after, cap)) return undefined;
  const who = subject.subjectType === 'group' ? `group ${subject.groupId}` : `customer ${subject.customerId}`;
  const measure = basis === 'limit' ? 'comprehensive limit' : 'exposure';
  return refuse(
    subject.subjectType === 'group' ? 'GROUP_CAP_EXCEEDED' : 'CUSTOMER_CAP_EXCEEDED',
    `${who}: ${measure} would be ${formatMoney(after)}${on ? ` on ${on}` : ''}, over its cap of ${formatMoney(cap.cap)} (${cap.ratio} of net capital ${formatMoney(cap.netCapital)})`,
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
      ...(on ? { on } : {}),
    },
  );
}
