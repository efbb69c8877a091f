import { BookState, Limit } from '../book/book.state';
import { BookEvent } from '../book/book.events';
import { CommandContext } from '../book/book.commands';
import { datesFrom, membersOn } from '../book/book-on-date';
import { subjectExists, subjectKey, subjectOf } from '../book/subject';
import { evolveOn } from '../book/book.evolve';
import { capExceeded, capOf, measuresOf, netCapitalNotDeclared } from '../caps/measures';
import { Subject } from '../caps/cap.events';
import { BusinessDate, isBusinessDate } from '../shared/business-date';
import { Fen, formatMoney } from '../shared/money';
import { amountOf } from '../shared/amount';
import { Refusal, refuse } from '../shared/refusal';
import { LimitEvent } from '../limits/limit.events';
import { AwaitingDecision, awaitingDecision, mostOutstandingFrom, samePerson } from '../limits/limit-requests';
import { ApproveGroupLimit, CancelGroupLimit, ReallocateGroupLimit, RejectGroupLimit, RenewGroupLimit, RequestGroupLimit } from './group-limit.commands';
import { GroupLimitEvent } from './group-limit.events';
import { GroupLimit } from './group-limit.state';
import { allocatedOn, groupLimitOn, groupLimitsOfGroupOn, groupOfGroupLimitOn, onDate } from './group-limit-on-date';

type Decision = GroupLimitEvent[] | Refusal;


/**
 * The limit cap after a change (domain.md section 4), judged by measuring the book with the change applied:
 * on the command's date and every later date something took effect, each subject the change can move is
 * measured before and after. `onlyIfRaised`: a change that leaves a subject's measure where it was (an
 * allocation inside its group limit, a reallocation) is not refused for a breach it did not cause.
 */
export function checkLimitCapAfter(
  before: BookState,
  changes: readonly BookEvent[],
  subjectsOn: (state: BookState, date: BusinessDate) => Subject[],
  ctx: CommandContext,
  onlyIfRaised: boolean,
): Refusal | undefined {
  const after = changes.reduce(evolveOn(ctx.effectiveDate), before);
  for (const date of datesFrom(before, ctx.effectiveDate, ctx.today)) {
    const subjects = new Map<string, Subject>();
    for (const s of [...subjectsOn(before, date), ...subjectsOn(after, date)]) if (subjectExists(after, s, date)) subjects.set(subjectKey(s), s);
    for (const subject of subjects.values()) {
      const cap = capOf(after, subject, date);
      if (!cap) return netCapitalNotDeclared(date);
      const current = measuresOf(before, subject, date).limit;
      const next = measuresOf(after, subject, date).limit;
      if (onlyIfRaised && next <= current) continue;
      const refusal = capExceeded(subject, 'limit', cap, current, next - current, date === ctx.effectiveDate ? undefined : date);
      if (refusal) return refusal;
    }
  }
  return undefined;
}

/** The subject a group limit counts toward on a date: its group then, while that group has members. */
function groupLimitSubjects(groupLimitId: string) {
  return (state: BookState, date: BusinessDate): Subject[] => {
    const groupLimit = state.groupLimits.get(groupLimitId);
    const groupId = groupLimit && groupOfGroupLimitOn(groupLimit, date);
    return groupId ? [{ subjectType: 'group', groupId }] : [];
  };
}

/**
 * The group limit a command acts on. As for a limit, its history is written in date order: a command cannot be
 * dated before its last change, so its terms on the command's date are its terms today.
 */
export function findGroupLimit(state: BookState, groupLimitId: string, date: BusinessDate): GroupLimit | Refusal {
  const groupLimit = state.groupLimits.get(groupLimitId);
  if (!groupLimit) return refuse('GROUP_LIMIT_NOT_FOUND', `group limit ${groupLimitId} does not exist`, { groupLimitId });
  const lastChange = groupLimit.terms[groupLimit.terms.length - 1].from;
  if (date < lastChange) {
    return refuse('EFFECTIVE_DATE_TOO_EARLY', `group limit ${groupLimitId} was last changed on ${lastChange}: a command effective ${date} cannot rewrite its history before that`, {
      effectiveDate: date,
      inEffectFrom: lastChange,
      groupLimitId,
    });
  }
  return groupLimit;
}

/** The group limit is approved and inside its validity on the date: only then can its room be allocated. */
function notInForce(groupLimit: GroupLimit, date: BusinessDate): Refusal | undefined {
  if (groupLimit.status === 'active' && groupLimit.validFrom <= date && date <= groupLimit.validTo) return undefined;
  return refuse('LIMIT_NOT_ACTIVE', `group limit ${groupLimit.groupLimitId} is not in force on ${date} (status ${groupLimit.status}, valid ${groupLimit.validFrom}..${groupLimit.validTo})`, {
    groupLimitId: groupLimit.groupLimitId,
    status: groupLimit.status,
    validFrom: groupLimit.validFrom,
    validTo: groupLimit.validTo,
  });
}

/**
 * The allocations may never add up to more than the group limit (GROUP_LIMIT_EXCEEDED), on the command's date
 * nor on any later date something took effect (a member that re-joins brings its allocation back). `change`
 * gives what the command adds to the allocations of the group limit's group on a date, and `amountOn` the
 * group limit's amount then (a pending renewal's amount, for a renewal).
 */
function checkRoom(state: BookState, groupLimit: GroupLimit, ctx: CommandContext, change: (date: BusinessDate, groupId: string) => Fen, amountOn?: (g: GroupLimit) => Fen): Refusal | undefined {
  for (const date of datesFrom(state, ctx.effectiveDate, ctx.today)) {
    const groupId = groupOfGroupLimitOn(groupLimit, date);
    const then = groupLimitOn(groupLimit, date);
    if (!groupId || !then) continue;
    const limit = amountOn ? amountOn(then) : then.amount;
    const allocated = allocatedOn(groupLimit, onDate(state, date));
    const requested = change(date, groupId);
    if (allocated + requested > limit) {
      return refuse(
        'GROUP_LIMIT_EXCEEDED',
        `group limit ${groupLimit.groupLimitId} of ${formatMoney(limit)} has ${formatMoney(allocated)} allocated${date === ctx.effectiveDate ? '' : ` on ${date}`}: ${formatMoney(requested)} more would pass it`,
        {
          groupLimitId: groupLimit.groupLimitId,
          groupId,
          groupLimit: formatMoney(limit),
          allocated: formatMoney(allocated),
          requested: formatMoney(requested),
          after: formatMoney(allocated + requested),
          ...(date === ctx.effectiveDate ? {} : { on: date }),
        },
      );
    }
  }
  return undefined;
}

function validPeriod(validFrom: string, validTo: string, date: BusinessDate): Refusal | undefined {
  if (!isBusinessDate(validFrom) || !isBusinessDate(validTo) || validFrom > validTo) {
    return refuse('INVALID_PERIOD', `the validity period ${validFrom}..${validTo} is not a period: validFrom must not be after validTo`, { validFrom, validTo });
  }
  if (validTo < date) return refuse('INVALID_PERIOD', `the group limit would already have expired on ${validTo}, before its effective date ${date}`, { validFrom, validTo });
  return undefined;
}

export function decideRequestGroupLimit(command: RequestGroupLimit, state: BookState, ctx: CommandContext): Decision {
  const { groupLimitId, groupId, validFrom, validTo } = command;
  const date = ctx.effectiveDate;
  if (state.groupLimits.has(groupLimitId)) return refuse('GROUP_LIMIT_EXISTS', `group limit ${groupLimitId} already exists`, { groupLimitId });
  if (membersOn(state, groupId, date).length === 0) return refuse('GROUP_NOT_FOUND', `there is no group ${groupId} on ${date}`, { groupId });
  const period = validPeriod(validFrom, validTo, date);
  if (period) return period;
  const amount = amountOf(command.amount, 'amount');
  if (typeof amount !== 'bigint') return amount;
  // One envelope per group: a second while one is pending or in force (or carried forward) would count twice.
  const live = groupLimitsOfGroupOn(state, groupId, date).find((g) => g.status === 'pending' || (g.status === 'active' && (date <= g.validTo || g.pendingRenewal)));
  if (live) {
    return refuse('GROUP_LIMIT_EXISTS', `group ${groupId} already has group limit ${live.groupLimitId} (${live.status}): renew or cancel it instead`, {
      groupLimitId: live.groupLimitId,
      groupId,
    });
  }
  const terms = { groupLimitId, groupId, amount: formatMoney(amount), validFrom, validTo };
  const requested: GroupLimitEvent = { type: 'GroupLimitRequested', data: { ...terms, requestedBy: ctx.actor.userId } };
  // Pending requests do not count, so the cap is checked as if it were approved now, and again at approval.
  const approved: GroupLimitEvent = {
    type: 'GroupLimitApproved',
    data: { groupLimitId, groupId, request: 'grant', amount: terms.amount, validTo, requestedBy: ctx.actor.userId, approvedBy: ctx.actor.userId },
  };
  const refusal = checkLimitCapAfter(state, [requested, approved], groupLimitSubjects(groupLimitId), ctx, false);
  return refusal ?? [requested];
}

function pendingRequest(g: GroupLimit): AwaitingDecision | Refusal {
  return awaitingDecision(g) ?? refuse('NOT_PENDING', `group limit ${g.groupLimitId} has no request awaiting approval`, { groupLimitId: g.groupLimitId, status: g.status });
}

/** The group it belongs to on the date (the one it was requested for, or the survivor of a merge). */
function groupNow(g: GroupLimit, date: BusinessDate): string {
  return groupOfGroupLimitOn(g, date) ?? g.groups[0].groupId;
}

export function decideApproveGroupLimit(command: ApproveGroupLimit, state: BookState, ctx: CommandContext): Decision {
  const g = findGroupLimit(state, command.groupLimitId, ctx.effectiveDate);
  if ('refused' in g) return g;
  const pending = pendingRequest(g);
  if ('refused' in pending) return pending;
  if (samePerson(pending.requestedBy, ctx.actor.userId)) {
    return refuse('SELF_APPROVAL', `${ctx.actor.userId} requested this ${pending.request} and cannot approve it`, { groupLimitId: g.groupLimitId, requestedBy: pending.requestedBy });
  }
  if (pending.validTo < ctx.effectiveDate) {
    return refuse('LIMIT_NOT_ACTIVE', `the ${pending.request} of group limit ${g.groupLimitId} would run only until ${pending.validTo}, before ${ctx.effectiveDate}: renew it instead`, {
      groupLimitId: g.groupLimitId,
      validTo: pending.validTo,
    });
  }
  if (pending.request === 'renewal') {
    const room = checkRoom(state, g, ctx, () => 0n, () => pending.amount);
    if (room) return room;
  }
  const approved: GroupLimitEvent = {
    type: 'GroupLimitApproved',
    data: {
      groupLimitId: g.groupLimitId,
      groupId: groupNow(g, ctx.effectiveDate),
      request: pending.request,
      amount: formatMoney(pending.amount),
      validTo: pending.validTo,
      requestedBy: pending.requestedBy,
      approvedBy: ctx.actor.userId,
    },
  };
  // Pending requests never counted toward the cap, so it is checked again now (domain.md section 2).
  const refusal = checkLimitCapAfter(state, [approved], groupLimitSubjects(g.groupLimitId), ctx, false);
  return refusal ?? [approved];
}

export function decideRejectGroupLimit(command: RejectGroupLimit, state: BookState, ctx: CommandContext): Decision {
  const g = findGroupLimit(state, command.groupLimitId, ctx.effectiveDate);
  if ('refused' in g) return g;
  const pending = pendingRequest(g);
  if ('refused' in pending) return pending;
  return [
    {
      type: 'GroupLimitRejected',
      data: { groupLimitId: g.groupLimitId, groupId: groupNow(g, ctx.effectiveDate), request: pending.request, reason: command.reason, requestedBy: pending.requestedBy, rejectedBy: ctx.actor.userId },
    },
  ];
}

export function decideRenewGroupLimit(command: RenewGroupLimit, state: BookState, ctx: CommandContext): Decision {
  const g = findGroupLimit(state, command.groupLimitId, ctx.effectiveDate);
  if ('refused' in g) return g;
  if (g.status !== 'active') return refuse('LIMIT_NOT_ACTIVE', `group limit ${g.groupLimitId} is ${g.status}; only an approved group limit can be renewed`, { groupLimitId: g.groupLimitId, status: g.status });
  if (g.pendingRenewal) return refuse('RENEWAL_PENDING', `group limit ${g.groupLimitId} already has a renewal awaiting approval`, { groupLimitId: g.groupLimitId });
  if (!isBusinessDate(command.validTo) || command.validTo < g.validFrom || command.validTo < ctx.effectiveDate) {
    return refuse('INVALID_PERIOD', `the renewed group limit must run until a date on or after ${ctx.effectiveDate} and ${g.validFrom}`, { validTo: command.validTo });
  }
  const amount = amountOf(command.amount, 'amount');
  if (typeof amount !== 'bigint') return amount;
  // A renewal below what is already allocated would leave the allocations passing it.
  const room = checkRoom(state, g, ctx, () => 0n, () => amount);
  if (room) return room;
  const groupId = groupNow(g, ctx.effectiveDate);
  const requested: GroupLimitEvent = { type: 'GroupLimitRenewalRequested', data: { groupLimitId: g.groupLimitId, groupId, amount: formatMoney(amount), validTo: command.validTo, requestedBy: ctx.actor.userId } };
  const approved: GroupLimitEvent = {
    type: 'GroupLimitApproved',
    data: { groupLimitId: g.groupLimitId, groupId, request: 'renewal', amount: formatMoney(amount), validTo: command.validTo, requestedBy: ctx.actor.userId, approvedBy: ctx.actor.userId },
  };
  const refusal = checkLimitCapAfter(state, [requested, approved], groupLimitSubjects(g.groupLimitId), ctx, false);
  return refusal ?? [requested];
}

export function decideCancelGroupLimit(command: CancelGroupLimit, state: BookState, ctx: CommandContext): Decision {
  const g = findGroupLimit(state, command.groupLimitId, ctx.effectiveDate);
  if ('refused' in g) return g;
  if (g.status === 'cancelled' || g.status === 'rejected') {
    return refuse('LIMIT_NOT_ACTIVE', `group limit ${g.groupLimitId} is already ${g.status}`, { groupLimitId: g.groupLimitId, status: g.status });
  }
  // As for a limit: nothing may be outstanding under it on the date nor after it.
  for (const id of g.allocationIds) {
    const limit = state.limits.get(id);
    if (!limit) continue;
    const most = mostOutstandingFrom(state, limit, ctx.effectiveDate);
    if (most.amount > 0n) {
      return refuse('LIMIT_HAS_OUTSTANDING', `group limit ${g.groupLimitId} has ${formatMoney(most.amount)} outstanding under allocation ${id} on ${most.on}`, {
        groupLimitId: g.groupLimitId,
        limitId: id,
        outstanding: formatMoney(most.amount),
        on: most.on,
      });
    }
  }
  const cancelled: GroupLimitEvent = { type: 'GroupLimitCancelled', data: { groupLimitId: g.groupLimitId, groupId: groupNow(g, ctx.effectiveDate) } };
  // Its allocations then count on their own: at most what it counted for, unless membership moved them.
  const refusal = checkLimitCapAfter(state, [cancelled], groupLimitSubjects(g.groupLimitId), ctx, true);
  return refusal ?? [cancelled];
}

/** An allocation named by a reallocation: a limit of this group limit, approved, of a member of its group on the date. */
function allocation(state: BookState, limitId: string, g: GroupLimit, groupId: string, date: BusinessDate): Limit | Refusal {
  const limit = state.limits.get(limitId);
  if (!limit) return refuse('LIMIT_NOT_FOUND', `limit ${limitId} does not exist`, { limitId });
  const lastChange = limit.terms[limit.terms.length - 1].from;
  if (date < lastChange) {
    return refuse('EFFECTIVE_DATE_TOO_EARLY', `limit ${limitId} was last changed on ${lastChange}: a command effective ${date} cannot rewrite its history before that`, {
      effectiveDate: date,
      inEffectFrom: lastChange,
      limitId,
    });
  }
  if (limit.groupLimitId !== g.groupLimitId) {
    return refuse('NOT_AN_ALLOCATION', `limit ${limitId} is not an allocation of group limit ${g.groupLimitId}`, { limitId, groupLimitId: g.groupLimitId });
  }
  if (limit.status !== 'active') return refuse('LIMIT_NOT_ACTIVE', `limit ${limitId} is ${limit.status}`, { limitId, status: limit.status });
  const memberOf = subjectOf(state, limit.customerId, date);
  if (memberOf.subjectType !== 'group' || memberOf.groupId !== groupId) {
    return refuse('NOT_IN_GROUP', `customer ${limit.customerId} is not a member of group ${groupId} on ${date}: its limit ${limitId} counts on its own`, {
      customerId: limit.customerId,
      groupId,
      groupLimitId: g.groupLimitId,
    });
  }
  return limit;
}

export function decideReallocateGroupLimit(command: ReallocateGroupLimit, state: BookState, ctx: CommandContext): Decision {
  const date = ctx.effectiveDate;
  const g = findGroupLimit(state, command.groupLimitId, date);
  if ('refused' in g) return g;
  const inactive = notInForce(g, date);
  if (inactive) return inactive;
  const amount = amountOf(command.amount, 'amount');
  if (typeof amount !== 'bigint') return amount;
  if (command.fromLimitId === command.toLimitId) {
    return refuse('VALIDATION_FAILED', 'a reallocation moves room between two different member limits', { fromLimitId: command.fromLimitId, toLimitId: command.toLimitId });
  }
  const groupId = groupNow(g, date);
  const from = allocation(state, command.fromLimitId, g, groupId, date);
  if ('refused' in from) return from;
  const to = allocation(state, command.toLimitId, g, groupId, date);
  if ('refused' in to) return to;
  // Only unused room moves: the source never falls below what it has outstanding, that day or later.
  const most = mostOutstandingFrom(state, from, date);
  const unused = from.amount - most.amount;
  if (amount > unused) {
    return refuse('LIMIT_EXCEEDED', `limit ${from.limitId} has ${formatMoney(unused > 0n ? unused : 0n)} unused (${formatMoney(from.amount)} less ${formatMoney(most.amount)} outstanding on ${most.on}): it cannot give ${formatMoney(amount)}`, {
      limitId: from.limitId,
      limit: formatMoney(from.amount),
      outstanding: formatMoney(most.amount),
      available: formatMoney(unused > 0n ? unused : 0n),
      requested: formatMoney(amount),
      on: most.on,
    });
  }
  const event: GroupLimitEvent = {
    type: 'GroupLimitReallocated',
    data: {
      groupLimitId: g.groupLimitId,
      groupId,
      fromLimitId: from.limitId,
      fromCustomerId: from.customerId,
      toLimitId: to.limitId,
      toCustomerId: to.customerId,
      amount: formatMoney(amount),
      fromAmountAfter: formatMoney(from.amount - amount),
      toAmountAfter: formatMoney(to.amount + amount),
    },
  };
  // Inside the group limit the group's figure does not move; a member that leaves later counts on its own.
  const customersSubjects = (s: BookState, on: BusinessDate): Subject[] => [subjectOf(s, from.customerId, on), subjectOf(s, to.customerId, on)];
  const refusal = checkLimitCapAfter(state, [event], customersSubjects, ctx, true);
  return refusal ?? [event];
}

/**
 * A member limit granted with `groupLimitId` is an allocation (额度切分): head office already decided the envelope,
 * so it is granted at once, never escalated; it must fit the group limit's unallocated room on its date and every
 * later one, run no longer than the group limit, and belong to a member of the group limit's group on its date.
 * Inside the group limit it does not change the group's reported limit.
 */
export function decideAllocation(
  limit: Limit,
  events: (limit: Limit) => LimitEvent[],
  state: BookState,
  ctx: CommandContext,
  previousAmount: Fen = 0n,
): LimitEvent[] | Refusal {
  const date = ctx.effectiveDate;
  const g = findGroupLimit(state, limit.groupLimitId as string, date);
  if ('refused' in g) return g;
  const inactive = notInForce(g, date);
  if (inactive) return inactive;
  const groupId = groupNow(g, date);
  const memberOf = subjectOf(state, limit.customerId, date);
  if (memberOf.subjectType !== 'group' || memberOf.groupId !== groupId) {
    return refuse('NOT_IN_GROUP', `customer ${limit.customerId} is not a member of group ${groupId} on ${date}, which group limit ${g.groupLimitId} belongs to`, {
      customerId: limit.customerId,
      groupId,
      groupLimitId: g.groupLimitId,
    });
  }
  if (limit.validTo > g.validTo) {
    return refuse('INVALID_PERIOD', `an allocation of group limit ${g.groupLimitId} cannot run past it (${g.validTo})`, { validTo: limit.validTo, groupLimitValidTo: g.validTo });
  }
  const room = checkRoom(state, g, ctx, (on, groupOn) => {
    const member = subjectOf(state, limit.customerId, on);
    return member.subjectType === 'group' && member.groupId === groupOn ? limit.amount - previousAmount : 0n;
  });
  if (room) return room;
  const decided = events(limit);
  const refusal = checkLimitCapAfter(state, decided, (s, on) => [subjectOf(s, limit.customerId, on)], ctx, true);
  return refusal ?? decided;
}
