import { BookEvent } from '../book/book.events';
import { CustomerKind, RelationType } from '../groups/group-graph';
import { CapBasis, Subject } from '../caps/cap.events';
import { Product } from '../drawdowns/drawdown.events';
import { RiskClass } from '../limits/limit.events';
import { Limit } from '../book/book.state';
import { Refusal, isRefusal } from '../shared/refusal';
import { LARGE_EXPOSURE_POLICY_DEFAULTS, withFactors } from '../shared/policy';

/**
 * Event builders for decider specs: histories read as the facts a user would list. Amounts are the
 * decimal strings of the events; nothing here computes a rule, so expected values stay hand-written.
 */

/** The validity period most specs use; today (TODAY in the DSL) is 2026-03-31, inside it. */
export const VALID_FROM = '2026-01-01';
export const VALID_TO = '2026-12-31';
/** The year-end declaration most specs start from. */
export const CAPITAL_AS_OF = '2026-01-01';

export const group = (groupId: string): Subject => ({ subjectType: 'group', groupId });
export const standalone = (customerId: string): Subject => ({ subjectType: 'customer', customerId });

export function netCapitalDeclared(netCapital: string, asOf: string = CAPITAL_AS_OF, tier1NetCapital?: string): BookEvent {
  return { type: 'NetCapitalDeclared', data: { asOf, netCapital, ...(tier1NetCapital !== undefined ? { tier1NetCapital } : {}) } };
}

type PolicySettings = Omit<Extract<BookEvent, { type: 'PolicyChanged' }>['data'], 'changed' | 'ccfProducts'>;

/** A policy change naming these settings (the others at their defaults); a ccf change names only its products. */
export function policyChanged(changes: Partial<PolicySettings>): BookEvent {
  return {
    type: 'PolicyChanged',
    data: {
      groupCapRatio: '0.15',
      singleCustomerCapRatio: '0.10',
      escalationThreshold: '66000000.00',
      equityControlThreshold: '0.5',
      ...LARGE_EXPOSURE_POLICY_DEFAULTS,
      ...changes,
      ...(changes.ccf ? { ccf: withFactors(LARGE_EXPOSURE_POLICY_DEFAULTS.ccf, changes.ccf), ccfProducts: changes.ccf.map((c) => c.product) } : {}),
      changed: Object.keys(changes),
    },
  };
}

/** Customers are named "<id> Ltd" (natural persons "<id>") so group names in expectations are predictable. */
export function nameOf(customerId: string, kind: CustomerKind = 'enterprise'): string {
  return kind === 'individual' ? customerId : `${customerId} Ltd`;
}

export function customerRegistered(customerId: string, kind: CustomerKind = 'enterprise'): BookEvent {
  return { type: 'CustomerRegistered', data: { customerId, name: nameOf(customerId, kind), kind, creditCode: null } };
}

export function customers(...ids: string[]): BookEvent[] {
  return ids.map((id) => customerRegistered(id));
}

export function relationRecorded(relationId: string, from: string, to: string, relationType: RelationType, share: string | null = null): BookEvent {
  return { type: 'RelationRecorded', data: { relationId, from, to, relationType, share } };
}

export function groupFormed(groupId: string, members: string[], name: string = nameOf(members[0])): BookEvent {
  return { type: 'GroupFormed', data: { groupId, name, members } };
}

/** `parent` holds 60% of `child` (relation id "<parent>-<child>"), and the group that makes. */
export function controlledPair(groupId: string, parent: string, child: string): BookEvent[] {
  return [relationRecorded(`${parent}-${child}`, parent, child, 'equity', '0.6'), groupFormed(groupId, [parent, child], nameOf(parent))];
}

interface LimitOptions {
  validFrom?: string;
  validTo?: string;
  riskClass?: RiskClass;
  branch?: string | null;
}

function terms(limitId: string, customerId: string, amount: string, o: LimitOptions) {
  return {
    limitId,
    customerId,
    amount,
    validFrom: o.validFrom ?? VALID_FROM,
    validTo: o.validTo ?? VALID_TO,
    riskClass: o.riskClass ?? ('standard' as RiskClass),
    branch: o.branch ?? null,
  };
}

export function limitGranted(limitId: string, customerId: string, amount: string, o: LimitOptions = {}): BookEvent {
  return { type: 'LimitGranted', data: terms(limitId, customerId, amount, o) };
}

export function limitRequested(limitId: string, customerId: string, amount: string, requestedBy = 'officer-1', o: LimitOptions = {}): BookEvent {
  return { type: 'LimitRequested', data: { ...terms(limitId, customerId, amount, o), requestedBy } };
}

export function limitRenewalRequested(limitId: string, customerId: string, amount: string, validTo: string, requestedBy = 'officer-1'): BookEvent {
  return { type: 'LimitRenewalRequested', data: { limitId, customerId, amount, validTo, requestedBy } };
}

export function limitRejected(limitId: string, customerId: string, request: 'grant' | 'renewal' = 'grant'): BookEvent {
  return { type: 'LimitRejected', data: { limitId, customerId, request, reason: 'declined', requestedBy: 'officer-1', rejectedBy: 'approver-1' } };
}

export function limitCancelled(limitId: string, customerId: string): BookEvent {
  return { type: 'LimitCancelled', data: { limitId, customerId } };
}

/** Exposure is given, not derived: the spec states the figure the rule gives (amount - margin, or 0 when low-risk). */
export function drawdownBooked(
  drawdownId: string,
  limitId: string,
  customerId: string,
  amount: string,
  o: { margin?: string; exposure?: string; product?: Product } = {},
): BookEvent {
  return {
    type: 'DrawdownBooked',
    data: { drawdownId, limitId, customerId, product: o.product ?? 'loan', amount, margin: o.margin ?? '0.00', exposure: o.exposure ?? amount },
  };
}

export function repaymentBooked(drawdownId: string, limitId: string, customerId: string, amount: string, outstandingAfter: string, exposureAfter: string): BookEvent {
  return { type: 'RepaymentBooked', data: { drawdownId, limitId, customerId, amount, outstandingAfter, exposureAfter } };
}

export interface Figures {
  measure: string;
  cap: string;
  netCapital: string;
  ratio: string;
}

export function capBreached(subject: Subject, basis: CapBasis, f: Figures): BookEvent {
  return { type: 'CapBreached', data: { ...subject, regime: 'cbrc-2010', basis, ...f } };
}

export function capBreachCured(subject: Subject, basis: CapBasis, f: Figures, reason: 'back-under-cap' | 'subject-ended' = 'back-under-cap'): BookEvent {
  return { type: 'CapBreachCured', data: { ...subject, regime: 'cbrc-2010', basis, ...f, reason } };
}

/** The events of an accepted decision, to chain a spec's history; fails the spec on a refusal. */
export function acceptedEvents(decision: BookEvent[] | Refusal): BookEvent[] {
  if (isRefusal(decision)) throw new Error(`expected events, got refusal ${decision.code}: ${decision.message}`);
  return decision;
}

/** A limit as the write model holds it (amounts in fen): approved, valid 2026-01-01..2026-12-31, nothing drawn. */
export function limitState(overrides: Partial<Limit> = {}): Limit {
  return {
    limitId: 'L1',
    customerId: 'S',
    amount: 5_000_000_000n, // 50,000,000.00
    validFrom: '2026-01-01',
    validTo: '2026-12-31',
    since: '2026-01-01',
    riskClass: 'standard',
    branch: null,
    status: 'active',
    requestedBy: null,
    pendingRenewal: null,
    outstanding: 0n,
    exposure: 0n,
    terms: [],
    groupLimitId: null,
    ...overrides,
  };
}
