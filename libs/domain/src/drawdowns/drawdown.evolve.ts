import { BookState } from '../book/book.state';
import { updateLimit } from '../limits/limit.evolve';
import { parseMoney } from '../shared/money';
import { DrawdownEvent } from './drawdown.events';
import { BusinessDate } from '../shared/business-date';
import { exposureLeft } from '../book/book-on-date';

/**
 * A drawdown and each of its repayments are one row of the book's drawdown columns (book/drawdown-rows.ts); the
 * limit keeps the running balances and the ids of its drawdowns in booking order.
 */
export function evolveDrawdown(state: BookState, event: DrawdownEvent, effectiveDate: BusinessDate): BookState {
  switch (event.type) {
    case 'DrawdownBooked': {
      const d = event.data;
      const limit = state.limits.get(d.limitId);
      const amount = parseMoney(d.amount);
      const margin = parseMoney(d.margin);
      const exposure = parseMoney(d.exposure);
      const booked = {
        ...state,
        drawdowns: state.drawdowns.booked({
          drawdownId: d.drawdownId,
          limitId: d.limitId,
          customerId: limit?.customerId ?? d.customerId,
          product: d.product,
          amount,
          margin,
          covered: amount - exposure,
          since: effectiveDate,
        }),
      };
      return updateLimit(booked, d.limitId, (l) => ({
        ...l,
        outstanding: l.outstanding + amount,
        exposure: l.exposure + exposure,
      }));
    }
    case 'RepaymentBooked': {
      const d = event.data;
      const drawdown = state.drawdowns.get(d.drawdownId);
      if (!drawdown) return state;
      // The book today after every repayment so far, whatever their dates; each is kept with its date.
      const amount = parseMoney(d.amount);
      const outstanding = drawdown.outstanding - amount;
      const exposure = exposureLeft(outstanding, drawdown.covered);
      const repaid = { ...state, drawdowns: state.drawdowns.repaid(drawdown.drawdownId, effectiveDate, amount) };
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
