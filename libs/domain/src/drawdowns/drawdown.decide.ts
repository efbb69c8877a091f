import { BookState, Drawdown, Limit } from '../book/book.state';
import { datesFrom, exposureLeft, isCurrent, limitOn, openBreachesOn } from '../book/book-on-date';
import { subjectKey, subjectOf } from '../book/subject';
import { CommandContext } from '../book/book.commands';
import { capExceeded, capOf, measuresOf, netCapitalNotDeclared } from '../caps/measures';
import { Fen, formatMoney, maxFen } from '../shared/money';
import { amountOf } from '../shared/amount';
import { Refusal, refuse } from '../shared/refusal';
import { BookDrawdown, BookRepayment } from './drawdown.commands';
import { DrawdownEvent } from './drawdown.events';
import { RiskClass } from '../limits/limit.events';
import { availableOn, isDrawable } from '../limits/limit-availability';
import { PRODUCTS } from './products';
import { notYetInEffect } from '../book/in-effect';
import { BusinessDate } from '../shared/business-date';
import { largeExposureRefusal } from '../large-exposures/large-exposure.check';

type Decision = DrawdownEvent[] | Refusal;

/**
 * Exposure is nominal minus the deductible margin; the margin stays pledged until the item is settled, so a
 * partial repayment first reduces the uncovered part. Low-risk business (full-margin, deposit-pledged) carries none.
 */
export function exposureOf(riskClass: RiskClass, outstanding: Fen, margin: Fen): Fen {
  return riskClass === 'low-risk' ? 0n : maxFen(0n, outstanding - margin);
}

export function decideBookDrawdown(command: BookDrawdown, state: BookState, ctx: CommandContext): Decision {
  const limit = state.limits.get(command.limitId);
  if (!limit) return refuse('LIMIT_NOT_FOUND', `limit ${command.limitId} does not exist`, { limitId: command.limitId });
  const early = notYetInEffect('limit', limit.limitId, limit.since, ctx.effectiveDate);
  if (early) return early;
  if (state.drawdowns.has(command.drawdownId)) {
    return refuse('DRAWDOWN_EXISTS', `drawdown ${command.drawdownId} already exists`, { drawdownId: command.drawdownId });
  }
  if (!PRODUCTS.includes(command.product)) {
    return refuse('VALIDATION_FAILED', `product must be one of ${PRODUCTS.join(', ')}`, { product: String(command.product) });
  }
  const amount = amountOf(command.amount, 'amount');
  if (typeof amount !== 'bigint') return amount;
  const margin = command.margin === undefined ? 0n : amountOf(command.margin, 'margin', true);
  if (typeof margin !== 'bigint') return margin;
  if (margin > amount) {
    return refuse('MARGIN_EXCEEDS_AMOUNT', `margin ${formatMoney(margin)} exceeds the drawdown amount ${formatMoney(amount)}`, { amount: formatMoney(amount), margin: formatMoney(margin) });
  }
  if (limit.riskClass === 'low-risk' && margin < amount) {
    // Low-risk business is full-margin or deposit-pledged (domain.md section 2): that is why it carries no exposure.
    return refuse('LOW_RISK_NOT_COVERED', `limit ${limit.limitId} is low-risk: its drawdowns must be fully covered by margin (amount ${formatMoney(amount)}, margin ${formatMoney(margin)})`, {
      limitId: limit.limitId,
      amount: formatMoney(amount),
      margin: formatMoney(margin),
    });
  }
  const date = ctx.effectiveDate;
  // The limit as it stood that day: a renewal, an approval or an expiry recorded for a later date does not count.
  const then = limitOn(state, limit, date) ?? limit;
  if (!isDrawable(then, date)) {
    return refuse('LIMIT_NOT_ACTIVE', `limit ${limit.limitId} is not active on ${date} (status ${then.status}, valid ${then.validFrom}..${then.validTo})`, {
      limitId: limit.limitId,
      status: then.status,
      validFrom: then.validFrom,
      validTo: then.validTo,
    });
  }
  if (limit.status === 'cancelled') {
    // Cancelling needs nothing outstanding: credit drawn before a later cancellation would be left under none.
    const cancelledOn = limit.terms[limit.terms.length - 1].from;
    return refuse('LIMIT_NOT_ACTIVE', `limit ${limit.limitId} was cancelled on ${cancelledOn}: no drawdown can be booked on it before that`, {
      limitId: limit.limitId,
      status: limit.status,
      validFrom: limit.validFrom,
      validTo: limit.validTo,
    });
  }
  const subject = subjectOf(state, limit.customerId, date);
  const cap = capOf(state, subject, date);
  if (!cap) return netCapitalNotDeclared(date);
  const open = openBreachesOn(state, subjectKey(subject), date);
  if (cap.refuses && !open.isEmpty()) {
    const bases = [...open.keys()];
    return subject.subjectType === 'group'
      ? refuse('GROUP_IN_BREACH', `group ${subject.groupId} is over its cap on ${date} (${bases.join(', ')}); drawdowns are refused until it is cured`, { regime: 'cbrc-2010', groupId: subject.groupId, bases })
      : refuse('CUSTOMER_IN_BREACH', `customer ${subject.customerId} is over its cap on ${date} (${bases.join(', ')}); drawdowns are refused until it is cured`, {
          regime: 'cbrc-2010',
          customerId: subject.customerId,
          bases,
        });
  }
  const exceeded = limitExceeded(then, amount, date) ?? laterDrawdownsExceeded(state, limit, amount, date);
  if (exceeded) return exceeded;
  const exposure = exposureOf(limit.riskClass, amount, margin);
  // The drawdown stays outstanding from its date on: it must fit the exposure cap on every date from then to
  // today on which something took effect, measured against the group (or standalone customer) of that day.
  for (const on of datesFrom(state, date, ctx.today)) {
    const subjectOn = on === date ? subject : subjectOf(state, limit.customerId, on);
    const capOn = on === date ? cap : capOf(state, subjectOn, on);
    const refusal = capOn && capExceeded(subjectOn, 'exposure', capOn, measuresOf(state, subjectOn, on).exposure, exposure, on === ctx.today ? undefined : on);
    if (refusal) return refusal;
  }
  // The 2018 regime, side by side (domain.md section 8): its own in-breach state and caps.
  const largeExposure = largeExposureRefusal(state, limit.customerId, { product: command.product, amount, covered: amount - exposure }, date, ctx.today);
  if (largeExposure) return largeExposure;
  return [
    {
      type: 'DrawdownBooked',
      data: {
        drawdownId: command.drawdownId,
        limitId: limit.limitId,
        customerId: limit.customerId,
        product: command.product,
        amount: formatMoney(amount),
        margin: formatMoney(margin),
        exposure: formatMoney(exposure),
      },
    },
  ];
}

function limitExceeded(limit: Limit, amount: Fen, date: BusinessDate): Refusal | undefined {
  const available = availableOn(limit, date);
  if (amount <= available) return undefined;
  return refuse('LIMIT_EXCEEDED', `drawdown ${formatMoney(amount)} exceeds the available ${formatMoney(available)} on limit ${limit.limitId} on ${date}`, {
    limitId: limit.limitId,
    limit: formatMoney(limit.amount),
    outstanding: formatMoney(limit.outstanding),
    available: formatMoney(available),
    requested: formatMoney(amount),
  });
}

/**
 * Each later drawdown on the limit was decided against what was available on its own date; a back-dated one
 * takes from that too, so each of those must still have fitted beside it.
 */
function laterDrawdownsExceeded(state: BookState, limit: Limit, amount: Fen, date: BusinessDate): Refusal | undefined {
  // Nothing took effect after the date: no later drawdown to look at (and a limit may hold thousands).
  if (isCurrent(state, date)) return undefined;
  for (const later of state.drawdowns.ofLimit(limit.limitId)) {
    if (later.since <= date) continue;
    const then = limitOn(state, limit, later.since) as Limit;
    if (then.outstanding + amount > then.amount) {
      const available = maxFen(0n, then.amount - (then.outstanding - later.amount));
      return refuse('LIMIT_EXCEEDED', `drawdown ${formatMoney(amount)} on ${date} would leave too little on limit ${limit.limitId} for drawdown ${later.drawdownId} of ${later.since} (${formatMoney(available)} was available then)`, {
        limitId: limit.limitId,
        limit: formatMoney(then.amount),
        outstanding: formatMoney(then.outstanding),
        available: formatMoney(maxFen(0n, then.amount - then.outstanding)),
        requested: formatMoney(amount),
        on: later.since,
      });
    }
  }
  return undefined;
}

export function decideBookRepayment(command: BookRepayment, state: BookState, date: BusinessDate): Decision {
  const drawdown: Drawdown | undefined = state.drawdowns.get(command.drawdownId);
  if (!drawdown) return refuse('DRAWDOWN_NOT_FOUND', `drawdown ${command.drawdownId} does not exist`, { drawdownId: command.drawdownId });
  const early = notYetInEffect('drawdown', drawdown.drawdownId, drawdown.since, date);
  if (early) return early;
  const amount = amountOf(command.amount, 'amount');
  if (typeof amount !== 'bigint') return amount;
  if (amount > drawdown.outstanding) {
    return refuse('REPAYMENT_EXCEEDS_OUTSTANDING', `repayment ${formatMoney(amount)} exceeds the ${formatMoney(drawdown.outstanding)} outstanding on drawdown ${drawdown.drawdownId}`, {
      drawdownId: drawdown.drawdownId,
      outstanding: formatMoney(drawdown.outstanding),
      requested: formatMoney(amount),
    });
  }
  // A drawdown's outstanding only falls after it is booked, so what it has today is the least it has on any date
  // from the repayment's on: a repayment that fits today fits every date. The figures after it are today's.
  const outstandingAfter = drawdown.outstanding - amount;
  return [
    {
      type: 'RepaymentBooked',
      data: {
        drawdownId: drawdown.drawdownId,
        limitId: drawdown.limitId,
        customerId: drawdown.customerId,
        amount: formatMoney(amount),
        outstandingAfter: formatMoney(outstandingAfter),
        exposureAfter: formatMoney(exposureLeft(outstandingAfter, drawdown.covered)),
      },
    },
  ];
}
