import { List } from 'immutable';
import {
  BookState,
  BusinessDate,
  Fen,
  LargeExposureBasis,
  LargeExposureSubject,
  Policy,
  clientFigures,
  clientsFigures,
  connectedGroupName,
  connectedGroupsOn,
  isRatioString,
  largeExposureCapsOf,
  measureFor,
  netCapitalOn,
  policyOn,
  subjectKey,
  tier1NetCapitalOn,
} from '@groupcap/domain';
import type { LargeExposureSetting } from './policy-option';

/**
 * What-if under the 2018 regime (domain.md section 8): the book as recorded up to the as-of date, seen under
 * other 2018 cap ratios or another net or tier-1 net capital, measured on that date by the domain's own 2018
 * functions (clients and connected groups, caps per basis). It composes the domain; no rule lives here.
 */
export interface LargeExposureScenario extends Partial<Record<LargeExposureSetting, string>> {
  netCapital?: Fen;
  tier1NetCapital?: Fen;
}

export interface LargeExposureWhatIfRow {
  subject: LargeExposureSubject;
  name: string;
  members: string[];
  basis: LargeExposureBasis;
  measure: Fen;
  cap: Fen;
  /** measure - cap: always more than zero. */
  excess: Fen;
  ratio: string;
  /** True when the log itself holds this 2018 breach open on the book's last date: the scenario did not cause it. */
  breachedInLog: boolean;
}

export class InvalidLargeExposureScenario extends Error {}

const EVER = '0000-01-01';

/** Ratios in (0, 1], capital above zero, as the policy and capital commands accept them. */
export function validateLargeExposureScenario(scenario: LargeExposureScenario): LargeExposureScenario {
  for (const [setting, value] of Object.entries(scenario)) {
    if (typeof value !== 'string') continue;
    if (!isRatioString(value) || /^0(\.0*)?$/.test(value)) throw new InvalidLargeExposureScenario(`${setting} must be a decimal in (0, 1] such as "0.12", got "${value}"`);
  }
  if (scenario.netCapital !== undefined && scenario.netCapital <= 0n) throw new InvalidLargeExposureScenario('net capital must be more than zero');
  if (scenario.tier1NetCapital !== undefined && scenario.tier1NetCapital <= 0n) throw new InvalidLargeExposureScenario('tier-1 net capital must be more than zero');
  return scenario;
}

/** The facts seen through the scenario: its ratios on every date, its capital figures in force on the date. */
export function underLargeExposureScenario(facts: BookState, scenario: LargeExposureScenario, asOf: BusinessDate): BookState {
  const { netCapital, tier1NetCapital, ...ratios } = scenario;
  const override: Partial<Policy> = ratios;
  const policyChanges = facts.policyChanges.map((c) => ({ ...c, changes: { ...c.changes, ...override } })).unshift({ effectiveDate: EVER, changes: override });
  if (netCapital === undefined && tier1NetCapital === undefined) return { ...facts, policyChanges };
  const net = netCapital ?? netCapitalOn(facts, asOf);
  // No net capital recorded and none given: nothing can be capped (the 2018 loans cap is a ratio of it).
  if (net === undefined) return { ...facts, policyChanges, capital: List() };
  const tier1 = tier1NetCapital ?? tier1NetCapitalOn(facts, asOf) ?? null;
  return { ...facts, policyChanges, capital: List([{ asOf: EVER, netCapital: net, tier1NetCapital: tier1 }]) };
}

/**
 * Every client and connected group over a 2018 cap on the date under the scenario, largest excess first (ties:
 * subject key, basis). A sovereign has no cap (exempt); without tier-1 net capital nothing is measured.
 */
export function largeExposureWhatIf(facts: BookState, scenario: LargeExposureScenario, asOf: BusinessDate): LargeExposureWhatIfRow[] {
  const state = underLargeExposureScenario(facts, validateLargeExposureScenario(scenario), asOf);
  const policy = policyOn(state.policyChanges, asOf);
  const rows: LargeExposureWhatIfRow[] = [];
  const measure = (subject: LargeExposureSubject, name: string, members: string[]) => {
    const figures = subject.subjectType === 'customer' ? clientFigures(state, subject.customerId, asOf, policy) : clientsFigures(state, members, asOf, policy);
    for (const cap of largeExposureCapsOf(state, subject, members, asOf, policy)) {
      const value = measureFor(cap.basis, figures);
      if (value <= cap.cap) continue;
      const breachedInLog = facts.largeExposureBreaches.get(subjectKey(subject))?.has(cap.basis) ?? false;
      rows.push({ subject, name, members, basis: cap.basis, measure: value, cap: cap.cap, excess: value - cap.cap, ratio: cap.ratio, breachedInLog });
    }
  };
  for (const customer of state.customers.values()) {
    if (customer.since <= asOf) measure({ subjectType: 'customer', customerId: customer.customerId }, customer.name, [customer.customerId]);
  }
  for (const { subject, members } of connectedGroupsOn(state, asOf)) measure(subject, connectedGroupName(state, subject.connectedGroupId, asOf), members);
  const order = (r: LargeExposureWhatIfRow) => `${subjectKey(r.subject)}|${r.basis}`;
  return rows.sort((a, b) => (a.excess !== b.excess ? (a.excess > b.excess ? -1 : 1) : order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0));
}
