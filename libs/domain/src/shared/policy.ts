import { List } from 'immutable';
import { Fen } from './money';
import { BusinessDate } from './business-date';

/** Bank policy (domain.md): every figure can be changed by an administrator's command. */
export interface Policy {
  groupCapRatio: string;
  singleCustomerCapRatio: string;
  escalationThreshold: Fen;
  equityControlThreshold: string;
}

export const DEFAULT_POLICY: Policy = {
  groupCapRatio: '0.15',
  singleCustomerCapRatio: '0.10',
  escalationThreshold: 6_600_000_000n, // CNY 66,000,000
  equityControlThreshold: '0.5',
};

export const POLICY_SETTINGS = ['groupCapRatio', 'singleCustomerCapRatio', 'escalationThreshold', 'equityControlThreshold'] as const;

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
  let policy = DEFAULT_POLICY;
  for (const change of changes) {
    if (change.effectiveDate > date) break;
    policy = { ...policy, ...change.changes };
  }
  return policy;
}

/** Inserts a change after every change of the same or an earlier date, keeping the list ordered. */
export function withPolicyChange(changes: List<PolicyChange>, change: PolicyChange): List<PolicyChange> {
  const at = changes.findIndex((c) => c.effectiveDate > change.effectiveDate);
  return at < 0 ? changes.push(change) : changes.insert(at, change);
}

/** The latest business date: the policy with every recorded change applied, i.e. in force today. */
export const LATEST = '9999-12-31';
