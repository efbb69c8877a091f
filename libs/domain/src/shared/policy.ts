import { List } from 'immutable';
import { Fen } from './money';
import { BusinessDate } from './business-date';
import type { Product } from '../drawdowns/drawdown.events';

/**
 * The two concentration regimes the engine projects side by side (domain.md section 8): the 2010 group-client
 * guideline (cbrc-2010: net capital, group clients) and the 2018 large-exposure rules (nfra-2018: tier-1 net
 * capital, connected clients, interbank). Both are always measured and their breaches recorded; the policy's
 * `regimes` says which of them refuse commands.
 */
export type Regime = 'cbrc-2010' | 'nfra-2018';
export const REGIMES: readonly Regime[] = ['cbrc-2010', 'nfra-2018'];

/** One off-balance product's credit conversion factor (2018 measure), a decimal string in [0, 1]. */
export interface CcfEntry {
  product: Product;
  factor: string;
}

/**
 * Default credit conversion factors of the 2018 measure, one per off-balance product (drawdowns/products.ts).
 * Sources: docs/domain.md, "The 2018 large-exposure regime" (each figure cited there, or marked unverified).
 */
export const DEFAULT_CCF: readonly CcfEntry[] = [
  { product: 'acceptance', factor: '1.00' },
  { product: 'letter-of-credit', factor: '1.00' },
  { product: 'guarantee', factor: '1.00' },
  { product: 'loan-commitment', factor: '1.00' },
  { product: 'derivative', factor: '1.00' },
];

/** Bank policy (domain.md): every figure can be changed by an administrator's command. */
export interface Policy {
  groupCapRatio: string;
  singleCustomerCapRatio: string;
  escalationThreshold: Fen;
  equityControlThreshold: string;
  /** The regimes whose caps refuse commands; a regime left out is still measured and its breaches recorded. */
  regimes: readonly Regime[];
  /** 2018: a non-interbank single client's exposure, of tier-1 net capital (Art. 7). */
  tier1SingleClientRatio: string;
  /** 2018: loans to a non-interbank single client, of NET capital (Art. 7). */
  singleClientLoanRatio: string;
  /** 2018: a group of connected non-interbank clients, of tier-1 net capital (Art. 8). */
  tier1ConnectedGroupRatio: string;
  /** 2018: an interbank client, single or group, of tier-1 net capital (Art. 9). */
  tier1InterbankRatio: string;
  /** 2018: the large-exposure threshold of the G14 report, of tier-1 net capital. */
  largeExposureRatio: string;
  /** 2018: the credit conversion factor of each off-balance product (an entry per product). */
  ccf: readonly CcfEntry[];
}

export const DEFAULT_POLICY: Policy = {
  groupCapRatio: '0.15',
  singleCustomerCapRatio: '0.10',
  escalationThreshold: 6_600_000_000n, // CNY 66,000,000
  equityControlThreshold: '0.5',
  regimes: REGIMES,
  tier1SingleClientRatio: '0.15',
  singleClientLoanRatio: '0.10',
  tier1ConnectedGroupRatio: '0.20',
  tier1InterbankRatio: '0.25',
  largeExposureRatio: '0.025',
  ccf: DEFAULT_CCF,
};

/**
 * The 2018 settings of a PolicyChanged event at their defaults: what an event recorded before the 2018 regime
 * existed is upcast with (no command could have changed them then).
 */
export const LARGE_EXPOSURE_POLICY_DEFAULTS = {
  regimes: [...DEFAULT_POLICY.regimes],
  tier1SingleClientRatio: DEFAULT_POLICY.tier1SingleClientRatio,
  singleClientLoanRatio: DEFAULT_POLICY.singleClientLoanRatio,
  tier1ConnectedGroupRatio: DEFAULT_POLICY.tier1ConnectedGroupRatio,
  tier1InterbankRatio: DEFAULT_POLICY.tier1InterbankRatio,
  largeExposureRatio: DEFAULT_POLICY.largeExposureRatio,
  ccf: DEFAULT_POLICY.ccf.map((c) => ({ ...c })),
};

export const POLICY_SETTINGS = [
  'groupCapRatio',
  'singleCustomerCapRatio',
  'escalationThreshold',
  'equityControlThreshold',
  'regimes',
  'tier1SingleClientRatio',
  'singleClientLoanRatio',
  'tier1ConnectedGroupRatio',
  'tier1InterbankRatio',
  'largeExposureRatio',
  'ccf',
] as const;
export type PolicySetting = (typeof POLICY_SETTINGS)[number];

/** The 2018 ratio settings: each a decimal string in (0, 1]. */
export const LARGE_EXPOSURE_RATIO_SETTINGS = ['tier1SingleClientRatio', 'singleClientLoanRatio', 'tier1ConnectedGroupRatio', 'tier1InterbankRatio', 'largeExposureRatio'] as const;

/** The factor for an off-balance product (1 for a product the table does not name: the prudent figure). */
export function ccfOf(policy: Pick<Policy, 'ccf'>, product: Product): string {
  return policy.ccf.find((c) => c.product === product)?.factor ?? '1';
}

/** True when the regime's caps refuse commands on the date this policy is in force. */
export function refuses(policy: Pick<Policy, 'regimes'>, regime: Regime): boolean {
  return policy.regimes.includes(regime);
}

/** One policy command: only the settings it names, from its effective date on. */
export interface PolicyChange {
  effectiveDate: BusinessDate;
  changes: Partial<Policy>;
}

/**
 * The policy in force on a date: the defaults, then every change effective on or before it, in order of
 * effective date (changes of one date in log order). A back-dated change therefore never undoes a setting
 * that a later-dated change made.
 */
export function policyOn(changes: List<PolicyChange>, date: BusinessDate): Policy {
  let byDate = policiesByChanges.get(changes);
  if (byDate === undefined) policiesByChanges.set(changes, (byDate = new Map()));
  const known = byDate.get(date);
  if (known !== undefined) return known;
  const policy = foldPolicy(changes, date);
  if (byDate.size >= 512) byDate.clear();
  byDate.set(date, policy);
  return policy;
}

/**
 * A pure function's memo, like applyRatio's: the policy is asked for several times per command (each cap, each
 * regime, each date checked) and a fold over the change list allocates an iterator and objects every time. Keyed
 * by the list itself: a persistent List is a new object whenever a policy change is recorded, so an entry can
 * never outlive the changes it was folded from, and the WeakMap lets old lists go.
 */
const policiesByChanges = new WeakMap<List<PolicyChange>, Map<BusinessDate, Policy>>();

function foldPolicy(changes: List<PolicyChange>, date: BusinessDate): Policy {
  let policy = DEFAULT_POLICY;
  for (const change of changes) {
    if (change.effectiveDate > date) break;
    const { ccf, ...settings } = change.changes;
    policy = { ...policy, ...settings };
    // The factor table folds per product: a change names only the products it sets.
    if (ccf) policy = { ...policy, ccf: withFactors(policy.ccf, ccf) };
  }
  return policy;
}

/** The table with the given products' factors set (a product not in it yet is added), in the table's order. */
export function withFactors(table: readonly CcfEntry[], set: readonly CcfEntry[]): CcfEntry[] {
  const out = table.map((entry) => set.find((s) => s.product === entry.product) ?? entry);
  for (const s of set) if (!table.some((entry) => entry.product === s.product)) out.push(s);
  return out;
}

/** Inserts a change after every change of the same or an earlier date, keeping the list ordered. */
export function withPolicyChange(changes: List<PolicyChange>, change: PolicyChange): List<PolicyChange> {
  const at = changes.findIndex((c) => c.effectiveDate > change.effectiveDate);
  return at < 0 ? changes.push(change) : changes.insert(at, change);
}

/** The latest business date: the policy with every recorded change applied, i.e. in force today. */
export const LATEST = '9999-12-31';
