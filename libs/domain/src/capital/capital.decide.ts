import Decimal from 'decimal.js';
import { BookState } from '../book/book.state';
import { regroup } from '../relations/regroup';
import { RelationEvent } from '../relations/relation.events';
import { BusinessDate, isBusinessDate } from '../shared/business-date';
import { formatMoney, isMoneyString, isRatioString, parseMoney } from '../shared/money';
import { Refusal, refuse } from '../shared/refusal';
import { policyOn } from '../shared/policy';
import { amountOf } from '../shared/amount';
import { ChangePolicy, DeclareNetCapital } from './capital.commands';
import { CapitalEvent } from './capital.events';
import { evolveCapital } from './capital.evolve';

export function decideDeclareNetCapital(command: DeclareNetCapital, today: BusinessDate): CapitalEvent[] | Refusal {
  if (!isBusinessDate(command.asOf)) return refuse('VALIDATION_FAILED', 'asOf must be a calendar date YYYY-MM-DD', { asOf: String(command.asOf) });
  const netCapital = amountOf(command.netCapital, 'netCapital');
  if (typeof netCapital !== 'bigint') return netCapital;
  if (command.asOf > today) {
    return refuse('EFFECTIVE_DATE_IN_FUTURE', `net capital cannot be declared as of ${command.asOf}, after today (${today})`, { asOf: command.asOf, today });
  }
  return [{ type: 'NetCapitalDeclared', data: { asOf: command.asOf, netCapital: formatMoney(netCapital) } }];
}

const RATIO_SETTINGS = ['groupCapRatio', 'singleCustomerCapRatio', 'equityControlThreshold'] as const;

export function decideChangePolicy(command: ChangePolicy, state: BookState, date: BusinessDate): (CapitalEvent | RelationEvent)[] | Refusal {
  const changed: string[] = [];
  for (const setting of RATIO_SETTINGS) {
    const value = command[setting];
    if (value === undefined) continue;
    // A cap ratio of 0 would refuse all credit and a control threshold of 1 could never be exceeded.
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
  if (changed.length === 0) return refuse('INVALID_POLICY', 'the policy command names no setting to change');
  // The event shows the whole policy in force on its date after the change; only `changed` is applied.
  const inForce = policyOn(state.policyChanges, date);
  const policy = {
    groupCapRatio: command.groupCapRatio ?? inForce.groupCapRatio,
    singleCustomerCapRatio: command.singleCustomerCapRatio ?? inForce.singleCustomerCapRatio,
    escalationThreshold: formatMoney(command.escalationThreshold !== undefined ? parseMoney(command.escalationThreshold) : inForce.escalationThreshold),
    equityControlThreshold: command.equityControlThreshold ?? inForce.equityControlThreshold,
  };
  const event: CapitalEvent = { type: 'PolicyChanged', data: { ...policy, changed } };
  const after = evolveCapital(state, event, date);
  // Groups on each date follow the threshold in force that date: regroup from this change's date on (dates on
  // which the threshold in force did not move yield no group event).
  return changed.includes('equityControlThreshold') ? [event, ...regroup(state, after, 'threshold', date)] : [event];
}
