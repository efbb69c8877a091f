import Decimal from 'decimal.js';
import { BookState } from '../book/book.state';
import { regroup } from '../relations/regroup';
import { RelationEvent } from '../relations/relation.events';
import { BusinessDate, isBusinessDate } from '../shared/business-date';
import { Fen, formatMoney, isMoneyString, isRatioString, parseMoney } from '../shared/money';
import { Refusal, refuse } from '../shared/refusal';
import { LARGE_EXPOSURE_RATIO_SETTINGS, policyOn, Regime, REGIMES, withFactors } from '../shared/policy';
import { PRODUCTS, isOnBalance } from '../drawdowns/products';
import { Product } from '../drawdowns/drawdown.events';
import { amountOf } from '../shared/amount';
import { ChangePolicy, DeclareNetCapital } from './capital.commands';
import { CapitalEvent } from './capital.events';
import { evolveCapital } from './capital.evolve';

export function decideDeclareNetCapital(command: DeclareNetCapital, today: BusinessDate): CapitalEvent[] | Refusal {
  if (!isBusinessDate(command.asOf)) return refuse('VALIDATION_FAILED', 'asOf must be a calendar date YYYY-MM-DD', { asOf: String(command.asOf) });
  const netCapital = amountOf(command.netCapital, 'netCapital');
  if (typeof netCapital !== 'bigint') return netCapital;
  let tier1: Fen | undefined;
  if (command.tier1NetCapital !== undefined) {
    const parsed = amountOf(command.tier1NetCapital, 'tier1NetCapital');
    if (typeof parsed !== 'bigint') return parsed;
    // Net capital is tier-1 plus tier-2 capital net of deductions, so tier-1 net capital can never be the larger:
    // a figure above it is a keying error, and it would loosen every 2018 cap.
    if (parsed > netCapital) {
      return refuse('INVALID_AMOUNT', `tier1NetCapital ${formatMoney(parsed)} exceeds netCapital ${formatMoney(netCapital)}: tier-1 is part of net capital`, {
        netCapital: formatMoney(netCapital),
        tier1NetCapital: formatMoney(parsed),
      });
    }
    tier1 = parsed;
  }
  if (command.asOf > today) {
    return refuse('EFFECTIVE_DATE_IN_FUTURE', `net capital cannot be declared as of ${command.asOf}, after today (${today})`, { asOf: command.asOf, today });
  }
  const data = { asOf: command.asOf, netCapital: formatMoney(netCapital), ...(tier1 !== undefined ? { tier1NetCapital: formatMoney(tier1) } : {}) };
  return [{ type: 'NetCapitalDeclared', data }];
}

/** The 2010 ratios: a cap ratio of 0 would refuse all credit and a control threshold of 1 could never be exceeded. */
const RATIO_SETTINGS = ['groupCapRatio', 'singleCustomerCapRatio', 'equityControlThreshold', ...LARGE_EXPOSURE_RATIO_SETTINGS] as const;

function validRegimes(value: unknown): value is Regime[] {
  return Array.isArray(value) && value.length > 0 && value.every((r) => REGIMES.includes(r)) && new Set(value).size === value.length;
}

/** Factors for off-balance products only (on-balance items count in full), each in [0, 1], each product once. */
function ccfRefusal(value: unknown): Refusal | undefined {
  const bad = (detail: string) => refuse('INVALID_POLICY', `ccf must be a non-empty list of { product, factor } for off-balance products, factor a decimal string in [0, 1]: ${detail}`, { ccf: JSON.stringify(value) ?? 'undefined' });
  if (!Array.isArray(value) || value.length === 0) return bad('not a non-empty list');
  const seen = new Set<string>();
  for (const entry of value as unknown[]) {
    const { product, factor } = (entry ?? {}) as { product?: unknown; factor?: unknown };
    if (typeof product !== 'string' || !PRODUCTS.includes(product as Product) || isOnBalance(product as Product)) return bad(`${String(product)} is not an off-balance product`);
    if (!isRatioString(factor)) return bad(`${product}: factor ${String(factor)}`);
    if (seen.has(product)) return bad(`${product} named twice`);
    seen.add(product);
  }
  return undefined;
}

export function decideChangePolicy(command: ChangePolicy, state: BookState, date: BusinessDate): (CapitalEvent | RelationEvent)[] | Refusal {
  const changed: string[] = [];
  for (const setting of RATIO_SETTINGS) {
    const value = command[setting];
    if (value === undefined) continue;
    const ok = isRatioString(value) && (setting === 'equityControlThreshold' ? new Decimal(value).lt(1) : new Decimal(value).gt(0));
    if (!ok) return refuse('INVALID_POLICY', `${setting} must be a decimal string ${setting === 'equityControlThreshold' ? 'in [0, 1)' : 'in (0, 1]'}`, { [setting]: value });
    changed.push(setting);
  }
  if (command.escalationThreshold !== undefined) {
    if (!isMoneyString(command.escalationThreshold)) {
      return refuse('INVALID_POLICY', 'escalationThreshold must be an amount such as "66000000.00"', { escalationThreshold: command.escalationThreshold });
    }
    changed.push('escalationThreshold');
  }
  if (command.regimes !== undefined) {
    if (!validRegimes(command.regimes)) {
      return refuse('INVALID_POLICY', `regimes must be a non-empty list of distinct regimes among ${REGIMES.join(', ')}`, { regimes: JSON.stringify(command.regimes) ?? 'undefined' });
    }
    changed.push('regimes');
  }
  if (command.ccf !== undefined) {
    const refusal = ccfRefusal(command.ccf);
    if (refusal) return refusal;
    changed.push('ccf');
  }
  if (changed.length === 0) return refuse('INVALID_POLICY', 'the policy command names no setting to change');
  // The event shows the whole policy in force on its date after the change; only `changed` is applied.
  const inForce = policyOn(state.policyChanges, date);
  const ccf = command.ccf?.map(({ product, factor }) => ({ product, factor }));
  const policy = {
    groupCapRatio: command.groupCapRatio ?? inForce.groupCapRatio,
    singleCustomerCapRatio: command.singleCustomerCapRatio ?? inForce.singleCustomerCapRatio,
    escalationThreshold: formatMoney(command.escalationThreshold !== undefined ? parseMoney(command.escalationThreshold) : inForce.escalationThreshold),
    equityControlThreshold: command.equityControlThreshold ?? inForce.equityControlThreshold,
    // In the order of REGIMES, whatever order the command listed them in.
    regimes: command.regimes ? REGIMES.filter((r) => command.regimes!.includes(r)) : [...inForce.regimes],
    tier1SingleClientRatio: command.tier1SingleClientRatio ?? inForce.tier1SingleClientRatio,
    singleClientLoanRatio: command.singleClientLoanRatio ?? inForce.singleClientLoanRatio,
    tier1ConnectedGroupRatio: command.tier1ConnectedGroupRatio ?? inForce.tier1ConnectedGroupRatio,
    tier1InterbankRatio: command.tier1InterbankRatio ?? inForce.tier1InterbankRatio,
    largeExposureRatio: command.largeExposureRatio ?? inForce.largeExposureRatio,
    ccf: ccf ? withFactors(inForce.ccf, ccf) : [...inForce.ccf],
    ...(ccf ? { ccfProducts: ccf.map((c) => c.product) } : {}),
  };
  const event: CapitalEvent = { type: 'PolicyChanged', data: { ...policy, changed } };
  const after = evolveCapital(state, event, date);
  // Groups on each date follow the threshold in force that date: regroup from this change's date on (dates on
  // which the threshold in force did not move yield no group event).
  return changed.includes('equityControlThreshold') ? [event, ...regroup(state, after, 'threshold', date)] : [event];
}
