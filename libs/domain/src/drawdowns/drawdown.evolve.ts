import { BookState } from '../book/book.state';
import { updateLimit } from '../limits/limit.evolve';
import { parseMoney } from '../shared/money';
import { DrawdownEvent } from './drawdown.events';
import { BusinessDate } from '../shared/business-date';

export function evolveDrawdown(state: BookState, event: DrawdownEvent, effectiveDate: BusinessDate): BookState {
  switch (event.type) {
    case 'DrawdownBooked': {
      const d = event.data;
      const amount = parseMoney(d.amount);
      const exposure = parseMoney(d.exposure);
      const booked = {
        ...state,
        drawdowns: state.drawdowns.set(d.drawdownId, {
          drawdownId: d.drawdownId,
          limitId: d.limitId,
          customerId: d.customerId,
          product: d.product,
          amount,
          margin: parseMoney(d.margin),
          outstanding: amount,
          exposure,
          since: effectiveDate,
        }),
      };
      return updateLimit(booked, d.limitId, (l) => ({ ...l, outstanding: l.outstanding + amount, exposure: l.exposure + exposure }));
    }
    case 'RepaymentBooked': {
      const d = event.data;
      const drawdown = state.drawdowns.get(d.drawdownId);
      if (!drawdown) return state;
      const outstanding = parseMoney(d.outstandingAfter);
      const exposure = parseMoney(d.exposureAfter);
      const repaid = { ...state, drawdowns: state.drawdowns.set(d.drawdownId, { ...drawdown, outstanding, exposure }) };
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
