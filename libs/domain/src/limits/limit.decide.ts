import { BookState, Limit } from '../book/book.state';
import { subjectOf } from '../book/subject';
import { CommandContext } from '../book/book.commands';
import { capExceeded, capOf, measuresOf, netCapitalNotDeclared, reportedLimit } from '../caps/measures';
import { isBusinessDate } from '../shared/business-date';
import { Fen, formatMoney } from '../shared/money';
import { amountOf } from '../shared/amount';
import { Refusal, refuse } from '../shared/refusal';
import { policyOn } from '../shared/policy';
import { notYetInEffect } from '../book/in-effect';
import { ApproveLimit, CancelLimit, GrantLimit, RejectLimit, RenewLimit } from './limit.commands';
import { LimitEvent } from './limit.events';

type Decision = LimitEvent[] | Refusal;

/**
 * The limit-cap check shared by grants, renewals and approvals: the subject's reported comprehensive limit
 * with the limit as it will be (`after`) instead of as it is (`before`) must stay within the cap, on the
 * command's effective date and, for a back-dated command, today as well: the limit is in force now too.
 * Returns the total after the change on the effective date, which also decides escalation.
 */
function checkLimitCap(state: BookState, before: Limit | undefined, after: Limit, ctx: CommandContext): Fen | Refusal {
  const subject = subjectOf(state, after.customerId);
  let totalAfter: Fen | undefined;
  for (const date of new Set([ctx.effectiveDate, ctx.today])) {
    const cap = capOf(state, subject, date);
    if (!cap) return netCapitalNotDeclared(date);
    const current = measuresOf(state, subject, date).limit - (before ? reportedLimit(before, date) : 0n);
    const added = reportedLimit(after, date);
    const refusal = capExceeded(subject, 'limit', cap, current, added);
    if (refusal) return refusal;
    totalAfter ??= current + added;
  }
  return totalAfter as Fen;
}


/** The limit a command acts on, which must exist and have taken effect by the command's date. */
function findLimit(state: BookState, limitId: string, date: string): Limit | Refusal {
  const limit = state.limits.get(limitId);
  if (!limit) return refuse('LIMIT_NOT_FOUND', `limit ${limitId} does not exist`, { limitId });
  return notYetInEffect('limit', limitId, limit.since, date) ?? limit;
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
  };
  const totalAfter = checkLimitCap(state, undefined, granted, ctx);
  if (typeof totalAfter !== 'bigint') return totalAfter;
  const terms = { limitId, customerId, amount: formatMoney(amount), validFrom, validTo, riskClass, branch: command.branch ?? null };
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
  const totalAfter = checkLimitCap(state, limit, renewed(limit, amount, command.validTo), ctx);
  if (typeof totalAfter !== 'bigint') return totalAfter;
  const { limitId, customerId } = limit;
  return escalates(state, totalAfter, ctx.effectiveDate)
    ? [{ type: 'LimitRenewalRequested', data: { limitId, customerId, amount: formatMoney(amount), validTo: command.validTo, requestedBy: ctx.actor.userId } }]
    : [{ type: 'LimitRenewed', data: { limitId, customerId, previousAmount: formatMoney(limit.amount), amount: formatMoney(amount), previousValidTo: limit.validTo, validTo: command.validTo } }];
}

/** The limit once a renewal takes effect: new amount and end date; its drawdowns stay with it. */
function renewed(limit: Limit, amount: Fen, validTo: string): Limit {
  return { ...limit, amount, validTo, pendingRenewal: null };
}

/** What is awaiting a decision on a limit: its first grant, or a renewal. */
function pendingRequest(limit: Limit): { request: 'grant' | 'renewal'; amount: Fen; validTo: string; requestedBy: string } | Refusal {
  if (limit.status === 'pending' && limit.requestedBy) return { request: 'grant', amount: limit.amount, validTo: limit.validTo, requestedBy: limit.requestedBy };
  if (limit.pendingRenewal) return { request: 'renewal', ...limit.pendingRenewal };
  return refuse('NOT_PENDING', `limit ${limit.limitId} has no request awaiting approval`, { limitId: limit.limitId, status: limit.status });
}

export function decideApproveLimit(command: ApproveLimit, state: BookState, ctx: CommandContext): Decision {
  const limit = findLimit(state, command.limitId, ctx.effectiveDate);
  if ('refused' in limit) return limit;
  const pending = pendingRequest(limit);
  if ('refused' in pending) return pending;
  if (pending.requestedBy === ctx.actor.userId) {
    return refuse('SELF_APPROVAL', `${ctx.actor.userId} requested this ${pending.request} and cannot approve it`, { limitId: limit.limitId, requestedBy: pending.requestedBy });
  }
  if (pending.validTo < ctx.effectiveDate) {
    return refuse('LIMIT_NOT_ACTIVE', `the ${pending.request} of limit ${limit.limitId} would run only until ${pending.validTo}, before ${ctx.effectiveDate}: renew it instead`, {
      limitId: limit.limitId,
      validTo: pending.validTo,
    });
  }
  // Pending requests never counted toward the cap, so the cap is checked again now (domain.md section 2).
  const totalAfter =
    pending.request === 'renewal'
      ? checkLimitCap(state, limit, renewed(limit, pending.amount, pending.validTo), ctx)
      : checkLimitCap(state, undefined, { ...limit, status: 'active', requestedBy: null }, ctx);
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
  if (limit.outstanding > 0n) {
    return refuse('LIMIT_HAS_OUTSTANDING', `limit ${limit.limitId} still has ${formatMoney(limit.outstanding)} outstanding`, { limitId: limit.limitId, outstanding: formatMoney(limit.outstanding) });
  }
  return [{ type: 'LimitCancelled', data: { limitId: limit.limitId, customerId: limit.customerId } }];
}
