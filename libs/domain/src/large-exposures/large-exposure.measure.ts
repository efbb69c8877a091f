import Decimal from 'decimal.js';
import { BookState, Drawdown, Limit } from '../book/book.state';
import { isCurrent, outstandingOn } from '../book/book-on-date';
import { BusinessDate } from '../shared/business-date';
import { Fen, applyRatio, maxFen, minFen } from '../shared/money';
import { CcfEntry, Policy, ccfOf, policyOn } from '../shared/policy';
import { isOnBalance } from '../drawdowns/products';
import { CapitalBase, ConnectedGroupSubject, LargeExposureBasis, Subject, capitalBaseOf } from '../caps/cap.events';
import { netCapitalOn } from '../caps/measures';
import { declarationOn } from '../capital/capital-on-date';

/**
 * The 2018 exposure measure (domain.md section 8), per drawdown, the write model's grain (each has its product,
 * outstanding and margin cover):
 *   before mitigation = outstanding            (on-balance)
 *                     = outstanding x CCF      (off-balance; the product's factor in the policy on the date,
 *                                               floored to whole fen: a fraction of a fen is no exposure)
 *   mitigation        = the cover still pledged: min(margin cover, outstanding) (cash margin, pledged deposit
 *                       certificates and treasury bonds: what the 2010 measure deducts too; all of a low-risk item)
 *   exposure          = max(0, before mitigation - mitigation)
 * Loans (single-client-loans basis) are the nominal outstanding of product `loan` only: discounts, overdrafts,
 * trade finance, factoring, bonds and interbank placements are other on-balance credit, not loans.
 */
export interface LargeExposureFigures {
  exposureBeforeMitigation: Fen;
  exposure: Fen;
  loans: Fen;
}

const NONE: LargeExposureFigures = { exposureBeforeMitigation: 0n, exposure: 0n, loans: 0n };

export function drawdownFigures(drawdown: Drawdown, outstanding: Fen, policy: Pick<Policy, 'ccf'>): LargeExposureFigures {
  if (outstanding === 0n) return NONE;
  const before = isOnBalance(drawdown.product) ? outstanding : applyRatio(ccfOf(policy, drawdown.product), outstanding);
  const mitigation = minFen(drawdown.covered, outstanding);
  return { exposureBeforeMitigation: before, exposure: maxFen(0n, before - mitigation), loans: drawdown.product === 'loan' ? outstanding : 0n };
}

export function addFigures(a: LargeExposureFigures, b: LargeExposureFigures): LargeExposureFigures {
  return { exposureBeforeMitigation: a.exposureBeforeMitigation + b.exposureBeforeMitigation, exposure: a.exposure + b.exposure, loans: a.loans + b.loans };
}

/** A client's 2018 figures on the date: its drawdowns' balances then, under the factors in force then. */
export function clientFigures(state: BookState, customerId: string, date: BusinessDate, policy: Pick<Policy, 'ccf'> = policyOn(state.policyChanges, date)): LargeExposureFigures {
  const current = isCurrent(state, date);
  const ccfKey = current ? keyOf(policy.ccf) : '';
  let figures = NONE;
  for (const limit of state.limitsByCustomer.get(customerId) ?? []) {
    figures = addFigures(figures, current ? limitFiguresToday(state, limit, policy, ccfKey) : limitFigures(state, limit, date, false, policy));
  }
  return figures;
}

function limitFigures(state: BookState, limit: Limit, date: BusinessDate, current: boolean, policy: Pick<Policy, 'ccf'>): LargeExposureFigures {
  let figures = NONE;
  for (const drawdown of state.drawdowns.ofLimit(limit.limitId)) {
    const outstanding = current ? drawdown.outstanding : outstandingOn(drawdown, date);
    figures = addFigures(figures, drawdownFigures(drawdown, outstanding, policy));
  }
  return figures;
}

/**
 * A limit's figures today, remembered per Limit object: the write model replaces a limit's object whenever one of
 * its drawdowns is booked or repaid, so an object's figures only change with the factor table. A drawdown then
 * costs one sum per limit of its connected group, as the 2010 measure does, not one per drawdown. A pure function's
 * memo: it changes no answer, only the time taken.
 */
const todayByLimit = new WeakMap<Limit, { ccfKey: string; figures: LargeExposureFigures }>();

function limitFiguresToday(state: BookState, limit: Limit, policy: Pick<Policy, 'ccf'>, ccfKey: string): LargeExposureFigures {
  const known = todayByLimit.get(limit);
  if (known && known.ccfKey === ccfKey) return known.figures;
  const figures = limitFigures(state, limit, '', true, policy);
  todayByLimit.set(limit, { ccfKey, figures });
  return figures;
}

const keysByTable = new WeakMap<readonly CcfEntry[], string>();

function keyOf(ccf: readonly CcfEntry[]): string {
  let key = keysByTable.get(ccf);
  if (key === undefined) {
    key = '';
    for (const c of ccf) key += `${c.product}=${c.factor};`;
    keysByTable.set(ccf, key);
  }
  return key;
}

/** Sums the clients' figures, sovereigns left out (exempt). */
export function clientsFigures(state: BookState, customerIds: Iterable<string>, date: BusinessDate, policy: Pick<Policy, 'ccf'> = policyOn(state.policyChanges, date)): LargeExposureFigures {
  let figures = NONE;
  for (const id of customerIds) if (!isExempt(state, id)) figures = addFigures(figures, clientFigures(state, id, date, policy));
  return figures;
}

/** Exposures to the central government and the central bank are exempt from the 2018 caps (reported as such). */
export function isExempt(state: BookState, customerId: string): boolean {
  return state.customers.get(customerId)?.kind === 'sovereign';
}

/** Interbank clients (kind financial-institution) are measured against the interbank cap (Art. 9). */
export function isInterbank(state: BookState, customerId: string): boolean {
  return state.customers.get(customerId)?.kind === 'financial-institution';
}

/**
 * A connected group is interbank when every member is a financial institution (a group of banks: Art. 9); a group
 * with any non-interbank member is measured whole against the connected-group cap (Art. 8), the prudent reading.
 */
export function isInterbankGroup(state: BookState, members: readonly string[]): boolean {
  return members.every((m) => isInterbank(state, m));
}

/**
 * Tier-1 net capital in force on the date: undefined when nothing is declared, null when the declaration in force
 * carries no tier-1 figure (the 2018 regime is then not measured).
 */
export function tier1NetCapitalOn(state: BookState, date: BusinessDate): Fen | null | undefined {
  const declaration = declarationOn(state.capital, date);
  return declaration === undefined ? undefined : declaration.tier1NetCapital;
}

/** One 2018 cap of a subject on a date, and which capital figure it is a ratio of. */
export interface LargeExposureCap {
  basis: LargeExposureBasis;
  cap: Fen;
  ratio: string;
  capitalBase: CapitalBase;
  /** The capital figure the ratio applies to (tier-1 net capital, or net capital for loans). */
  base: Fen;
  netCapital: Fen;
  tier1NetCapital: Fen;
}

/** The subject the 2018 caps are applied to: every client (grouped or not), and every connected group. */
export type LargeExposureSubject = Extract<Subject, { subjectType: 'customer' }> | ConnectedGroupSubject;

/**
 * The 2018 caps of a subject on the date (domain.md section 8, defaults): a non-interbank client 15% of tier-1
 * (tier1-single-client) and its loans 10% of net capital (single-client-loans); a non-interbank connected group 20%
 * of tier-1 (tier1-connected-group); an interbank client or group 25% of tier-1 (tier1-interbank). None for a
 * sovereign (exempt), and none when no tier-1 net capital is declared on the date (not measured).
 */
export function largeExposureCapsOf(state: BookState, subject: LargeExposureSubject, members: readonly string[], date: BusinessDate, policy: Policy = policyOn(state.policyChanges, date)): LargeExposureCap[] {
  const tier1 = tier1NetCapitalOn(state, date);
  const netCapital = netCapitalOn(state, date);
  if (tier1 === null || tier1 === undefined || netCapital === undefined) return [];
  const cap = (basis: LargeExposureBasis): LargeExposureCap => {
    const ratio = ratioFor(policy, basis);
    const capitalBase = capitalBaseOf(basis);
    const base = capitalBase === 'net-capital' ? netCapital : tier1;
    return { basis, cap: applyRatio(ratio, base), ratio, capitalBase, base, netCapital, tier1NetCapital: tier1 };
  };
  if (subject.subjectType === 'customer') {
    if (isExempt(state, subject.customerId)) return [];
    if (isInterbank(state, subject.customerId)) return [cap('tier1-interbank')];
    return [cap('tier1-single-client'), cap('single-client-loans')];
  }
  return [cap(isInterbankGroup(state, members) ? 'tier1-interbank' : 'tier1-connected-group')];
}

/** The policy ratio of a 2018 basis. */
export function ratioFor(policy: Policy, basis: LargeExposureBasis): string {
  switch (basis) {
    case 'tier1-single-client':
      return policy.tier1SingleClientRatio;
    case 'single-client-loans':
      return policy.singleClientLoanRatio;
    case 'tier1-connected-group':
      return policy.tier1ConnectedGroupRatio;
    case 'tier1-interbank':
      return policy.tier1InterbankRatio;
    default: {
      const unknown: never = basis;
      return unknown;
    }
  }
}

/** The figure a basis measures: loans for single-client-loans, the exposure after mitigation otherwise. */
export function measureFor(basis: LargeExposureBasis, figures: LargeExposureFigures): Fen {
  return basis === 'single-client-loans' ? figures.loans : figures.exposure;
}

/** The large-exposure threshold: ratio x tier-1, rounded UP to whole fen, so "reaches" is exact on whole-fen exposures. */
export function largeExposureThreshold(ratio: string, tier1NetCapital: Fen): Fen {
  return BigInt(new Decimal(ratio).mul(tier1NetCapital.toString()).ceil().toFixed(0));
}
