import { BookState, Limit } from '../book/book.state';
import { subjectOf } from '../book/subject';
import { CommandContext } from '../book/book.commands';
import { capExceeded, capOf, measuresOf, netCapitalNotDeclared } from '../caps/measures';
import { isBusinessDate } from '../shared/business-date';
import { datesFrom, limitOn } from '../book/book-on-date';
import { AwaitingDecision, awaitingDecision, limitChangeOn, mostOutstandingFrom, onceApproved, renewed, samePerson } from './limit-requests';
import { Fen, formatMoney } from '../shared/money';
import { amountOf } from '../shared/amount';
import { Refusal, refuse } from '../shared/refusal';
import { policyOn } from '../shared/policy';
import { notYetInEffect } from '../book/in-effect';
import { ApproveLimit, CancelLimit, GrantLimit, RejectLimit, RenewLimit } from './limit.commands';
import { LimitEvent } from './limit.events';
import { decideAllocation } from '../group-limits/group-limit.decide';

type Decision = LimitEvent[] | Refusal;

/**
 * The limit-cap check shared by grants, renewals and approvals (domain.md section 4): the subject's reported
 * comprehensive limit with the limit as it will be (`after`, given the limit as it stood that day) instead of
 * as it was must stay within the cap on the command's effective date and on every later date on which
 * something took effect, up to today: the limit is in force on all of them, and on each the customer's group,
 * the other limits and the cap are those of that day. Returns the total after the change on the effective date,
 * which also decides escalation.
 */
function checkLimitCap(state: BookState, limitId: string, customerId: string, after: (before: Limit | undefined) => Limit, ctx: CommandContext): Fen | Refusal {
  const existing = state.limits.get(limitId);
  let totalAfter: Fen | undefined;
  for (const date of datesFrom(state, ctx.effectiveDate, ctx.today)) {
    const subject = subjectOf(state, customerId, date);
    const cap = capOf(state, subject, date);
    if (!cap) return netCapitalNotDeclared(date);
    const before = existing && limitOn(state, existing, date);
    const { current, added } = limitChangeOn(measuresOf(state, subject, date).limit, before, after(before), date);
    const refusal = capExceeded(subject, 'limit', cap, current, added, date);
    if (refusal) return refusal;
    totalAfter ??= current + added;
  }
  return totalAfter as Fen;
}

/**
 * The limit a command acts on, which must exist and have taken effect by the command's date. Its history is
 * written in date order: a command cannot be dated before the limit's last change (a back-dated rejection of a
 * request approved later would leave the limit both rejected and approved), so its terms on the command's date
 * are its terms today.
 */
function findLimit(state: BookState, limitId: string, date: string): Limit | Refusal {
  const limit = state.limits.get(limitId);
  if (!limit) return refuse('LIMIT_NOT_FOUND', `limit ${limitId} does not exist`, { limitId });
  const early = notYetInEffect('limit', limitId, limit.since, date);
  if (early) return early;
  const lastChange = limit.terms[limit.terms.length - 1].from;
  if (date < lastChange) {
    return refuse('EFFECTIVE_DATE_TOO_EARLY', `limit ${limitId} was last changed on ${lastChange}: a command effective ${date} cannot rewrite its history before that`, {
      effectiveDate: date,
      inEffectFrom: lastChange,
      limitId,
    });
  }
  return limit;
}

const escalates = (state: BookState, totalAfter: Fen, date: string) => totalAfter > policyOn(state.policyChanges, date).escalationThreshold;

export function decideGrantLimit(command: GrantLimit, state: BookState, ctx: CommandContext): Decision {
  const { limitId, customerId, validFrom, validTo } = command;
  if (state.limits.has(limitId)) return refuse('LIMIT_EXISTS', `limit ${limitId} already exists`, { limitId });
  if (!state.customers.has(customerId)) return refuse('CUSTOMER_NOT_FOUND', `customer ${customerId} is not registered`, { customerId });
  const early = notYetInEffect('customer', customerId, state.customers.get(customerId)!.since, ctx.effectiveDate);
  if (early) return early;
  if (!isBusinessDate(validFrom) || !isBusinessDate(validTo) || validFrom > validTo) {
    return refuse('INVALID_PERIOD', `the validity period ${validFrom}..${validTo} is not a period: validFrom must not be after validTo`, { validFrom, validTo });
  }
  if (validTo < ctx.effectiveDate) {
    return refuse('INVALID_PERIOD', `the limit would already have expired on ${validTo}, before its effective date ${ctx.effectiveDate}`, { validFrom, validTo });
  }
  const amount = amountOf(command.amount, 'amount');
  if (typeof amount !== 'bigint') return amount;
  const riskClass = command.riskClass ?? 'standard';
  if (riskClass !== 'standard' && riskClass !== 'low-risk') return refuse('VALIDATION_FAILED', 'riskClass must be standard or low-risk', { riskClass: String(riskClass) });
  const granted: Limit = {
    limitId, customerId, amount, validFrom, validTo, riskClass, branch: command.branch ?? null,
    status: 'active', requestedBy: null, pendingRenewal: null, outstanding: 0n, exposure: 0n, since: ctx.effectiveDate,
    terms: [], groupLimitId: command.groupLimitId ?? null,
  };
  const terms = { limitId, customerId, amount: formatMoney(amount), validFrom, validTo, riskClass, branch: command.branch ?? null };
  if (command.groupLimitId !== undefined) {
    // An allocation under a group limit (group-limits/): granted at once inside the envelope head office approved.
    return decideAllocation(granted, () => [{ type: 'LimitGranted', data: { ...terms, groupLimitId: command.groupLimitId } }], state, ctx);
  }
  const totalAfter = checkLimitCap(state, limitId, customerId, () => granted, ctx);
  if (typeof totalAfter !== 'bigint') return totalAfter;
  return escalates(state, totalAfter, ctx.effectiveDate)
    ? [{ type: 'LimitRequested', data: { ...terms, requestedBy: ctx.actor.userId } }]
    : [{ type: 'LimitGranted', data: terms }];
}

export function decideRenewLimit(command: RenewLimit, state: BookState, ctx: CommandContext): Decision {
  const limit = findLimit(state, command.limitId, ctx.effectiveDate);
  if ('refused' in limit) return limit;
  if (limit.status !== 'active') {
    return refuse('LIMIT_NOT_ACTIVE', `limit ${limit.limitId} is ${limit.status}; only an approved limit can be renewed`, { limitId: limit.limitId, status: limit.status });
  }
  if (limit.pendingRenewal) {
    return refuse('RENEWAL_PENDING', `limit ${limit.limitId} already has a renewal awaiting approval`, { limitId: limit.limitId });
  }
  if (!isBusinessDate(command.validTo) || command.validTo < limit.validFrom || command.validTo < ctx.effectiveDate) {
    return refuse('INVALID_PERIOD', `the renewed limit must run until a date on or after ${ctx.effectiveDate} and ${limit.validFrom}`, { validTo: command.validTo });
  }
  const amount = amountOf(command.amount, 'amount');
  if (typeof amount !== 'bigint') return amount;
  if (limit.groupLimitId !== null) {
    // An allocation is renewed inside its group limit, at once, like its grant.
    const { limitId, customerId } = limit;
    const event: LimitEvent = { type: 'LimitRenewed', data: { limitId, customerId, previousAmount: formatMoney(limit.amount), amount: formatMoney(amount), previousValidTo: limit.validTo, validTo: command.validTo } };
    return decideAllocation(renewed(limit, amount, command.validTo), () => [event], state, ctx, limit.amount);
  }
  const totalAfter = checkLimitCap(state, limit.limitId, limit.customerId, (before) => renewed(before ?? limit, amount, command.validTo), ctx);
  if (typeof totalAfter !== 'bigint') return totalAfter;
  const { limitId, customerId } = limit;
  return escalates(state, totalAfter, ctx.effectiveDate)
    ? [{ type: 'LimitRenewalRequested', data: { limitId, customerId, amount: formatMoney(amount), validTo: command.validTo, requestedBy: ctx.actor.userId } }]
    : [{ type: 'LimitRenewed', data: { limitId, customerId, previousAmount: formatMoney(limit.amount), amount: formatMoney(amount), previousValidTo: limit.validTo, validTo: command.validTo } }];
}

function pendingRequest(limit: Limit): AwaitingDecision | Refusal {
  return awaitingDecision(limit) ?? refuse('NOT_PENDING', `limit ${limit.limitId} has no request awaiting approval`, { limitId: limit.limitId, status: limit.status });
}

export function decideApproveLimit(command: ApproveLimit, state: BookState, ctx: CommandContext): Decision {
  const limit = findLimit(state, command.limitId, ctx.effectiveDate);
  if ('refused' in limit) return limit;
  const pending = pendingRequest(limit);
  if ('refused' in pending) return pending;
  if (samePerson(pending.requestedBy, ctx.actor.userId)) {
    return refuse('SELF_APPROVAL', `${ctx.actor.userId} requested this ${pending.request} and cannot approve it`, { limitId: limit.limitId, requestedBy: pending.requestedBy });
  }
  if (pending.validTo < ctx.effectiveDate) {
    return refuse('LIMIT_NOT_ACTIVE', `the ${pending.request} of limit ${limit.limitId} would run only until ${pending.validTo}, before ${ctx.effectiveDate}: renew it instead`, {
      limitId: limit.limitId,
      validTo: pending.validTo,
    });
  }
  // Pending requests never counted toward the cap, so the cap is checked again now (domain.md section 2).
  const totalAfter = checkLimitCap(
    state,
    limit.limitId,
    limit.customerId,
    (before) => onceApproved(before ?? limit, pending),
    ctx,
  );
  if (typeof totalAfter !== 'bigint') return totalAfter;
  const { limitId, customerId } = limit;
  return [
    {
      type: 'LimitApproved',
      data: { limitId, customerId, request: pending.request, amount: formatMoney(pending.amount), validTo: pending.validTo, requestedBy: pending.requestedBy, approvedBy: ctx.actor.userId },
    },
  ];
}

export function decideRejectLimit(command: RejectLimit, state: BookState, ctx: CommandContext): Decision {
  const limit = findLimit(state, command.limitId, ctx.effectiveDate);
  if ('refused' in limit) return limit;
  const pending = pendingRequest(limit);
  if ('refused' in pending) return pending;
  const { limitId, customerId } = limit;
  return [{ type: 'LimitRejected', data: { limitId, customerId, request: pending.request, reason: command.reason, requestedBy: pending.requestedBy, rejectedBy: ctx.actor.userId } }];
}

export function decideCancelLimit(command: CancelLimit, state: BookState, ctx: CommandContext): Decision {
  const limit = findLimit(state, command.limitId, ctx.effectiveDate);
  if ('refused' in limit) return limit;
  if (limit.status === 'cancelled' || limit.status === 'rejected') {
    return refuse('LIMIT_NOT_ACTIVE', `limit ${limit.limitId} is already ${limit.status}`, { limitId: limit.limitId, status: limit.status });
  }
  // Nothing may be outstanding on the date nor after it: a later drawdown would be left under a cancelled limit.
  const outstanding = mostOutstandingFrom(state, limit, ctx.effectiveDate);
  if (outstanding.amount > 0n) {
    return refuse('LIMIT_HAS_OUTSTANDING', `limit ${limit.limitId} has ${formatMoney(outstanding.amount)} outstanding on ${outstanding.on}`, {
      limitId: limit.limitId,
      outstanding: formatMoney(outstanding.amount),
      on: outstanding.on,
    });
  }
  return [{ type: 'LimitCancelled', data: { limitId: limit.limitId, customerId: limit.customerId } }];
}
