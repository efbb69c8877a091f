import { BookState, Repayment } from '../book/book.state';
import { updateLimit } from '../limits/limit.evolve';
import { parseMoney, sharedFen } from '../shared/money';
import { DrawdownEvent } from './drawdown.events';
import { BusinessDate } from '../shared/business-date';
import { appended } from '../shared/held-array';
import { exposureLeft } from '../book/book-on-date';

/** Every drawdown's "no repayments yet": one frozen array, not one per drawdown (a repayment makes a new array). */
export const NO_REPAYMENTS: readonly Repayment[] = Object.freeze([]);

/**
 * What a drawdown holds is kept small, as the book keeps every drawdown for good: its ids are the very strings
 * of its limit (an event parsed from the log brings copies of its own), its date the interned one (evolveOn), and figures
 * equal to another of its figures (or to zero) the same bigint.
 */
export function evolveDrawdown(state: BookState, event: DrawdownEvent, effectiveDate: BusinessDate): BookState {
  switch (event.type) {
    case 'DrawdownBooked': {
      const d = event.data;
      const limit = state.limits.get(d.limitId);
      const amount = parseMoney(d.amount);
      const margin = sharedFen(parseMoney(d.margin), 0n, amount);
      const exposure = sharedFen(parseMoney(d.exposure), amount, 0n);
      const booked = {
        ...state,
        drawdowns: state.drawdowns.set(d.drawdownId, {
          drawdownId: d.drawdownId,
          limitId: limit?.limitId ?? d.limitId,
          customerId: limit?.customerId ?? d.customerId,
          product: d.product,
          amount,
          margin,
          outstanding: amount,
          exposure,
          covered: sharedFen(amount - exposure, 0n, margin, amount),
          since: effectiveDate,
          repayments: NO_REPAYMENTS,
        }),
      };
      return updateLimit(booked, d.limitId, (l) => ({
        ...l,
        outstanding: l.outstanding + amount,
        exposure: l.exposure + exposure,
        drawdownIds: l.drawdownIds.push(d.drawdownId),
      }));
    }
    case 'RepaymentBooked': {
      const d = event.data;
      const drawdown = state.drawdowns.get(d.drawdownId);
      if (!drawdown) return state;
      // The book today after every repayment so far, whatever their dates; each is kept with its date.
      const amount = parseMoney(d.amount);
      const outstanding = sharedFen(drawdown.outstanding - amount, 0n);
      const exposure = sharedFen(exposureLeft(outstanding, drawdown.covered), outstanding, 0n);
      const repayments = appended(drawdown.repayments, { on: effectiveDate, amount });
      // Keyed by the drawdown's own id string: set() keeps the key it is given, and the event's is a copy.
      const repaid = { ...state, drawdowns: state.drawdowns.set(drawdown.drawdownId, { ...drawdown, outstanding, exposure, repayments }) };
      return updateLimit(repaid, d.limitId, (l) => ({
        ...l,
        outstanding: l.outstanding - (drawdown.outstanding - outstanding),
        exposure: l.exposure - (drawdown.exposure - exposure),
      }));
    }
    default: {
      const unhandled: never = event;
      return unhandled;
    }
  }
}
