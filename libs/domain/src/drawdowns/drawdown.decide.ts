import { BookState, Drawdown } from '../book/book.state';
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
  if (!isDrawable(limit, date)) {
    return refuse('LIMIT_NOT_ACTIVE', `limit ${limit.limitId} is not active on ${date} (status ${limit.status}, valid ${limit.validFrom}..${limit.validTo})`, {
      limitId: limit.limitId,
      status: limit.status,
      validFrom: limit.validFrom,
      validTo: limit.validTo,
    });
  }
  const subject = subjectOf(state, limit.customerId);
  const cap = capOf(state, subject, date);
  if (!cap) return netCapitalNotDeclared(date);
  const open = state.breaches.get(subjectKey(subject));
  if (open && !open.isEmpty()) {
    const bases = [...open.keys()];
    return subject.subjectType === 'group'
      ? refuse('GROUP_IN_BREACH', `group ${subject.groupId} is over its cap (${bases.join(', ')}); drawdowns are refused until it is cured`, { groupId: subject.groupId, bases })
      : refuse('CUSTOMER_IN_BREACH', `customer ${subject.customerId} is over its cap (${bases.join(', ')}); drawdowns are refused until it is cured`, { customerId: subject.customerId, bases });
  }
  const available = availableOn(limit, date);
  if (amount > available) {
    return refuse('LIMIT_EXCEEDED', `drawdown ${formatMoney(amount)} exceeds the available ${formatMoney(available)} on limit ${limit.limitId}`, {
      limitId: limit.limitId,
      limit: formatMoney(limit.amount),
      outstanding: formatMoney(limit.outstanding),
      available: formatMoney(available),
      requested: formatMoney(amount),
    });
  }
  const exposure = exposureOf(limit.riskClass, amount, margin);
  // Exposure is what is outstanding now; a back-dated drawdown must fit today's cap as well as its own date's.
  const current = measuresOf(state, subject, date).exposure;
  for (const on of new Set([date, ctx.today])) {
    const capOn = on === date ? cap : capOf(state, subject, on);
    const refusal = capOn && capExceeded(subject, 'exposure', capOn, current, exposure);
    if (refusal) return refusal;
  }
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
  const riskClass = state.limits.get(drawdown.limitId)?.riskClass ?? 'standard';
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
        exposureAfter: formatMoney(exposureOf(riskClass, outstandingAfter, drawdown.margin)),
      },
    },
  ];
}
