import { BookState } from '../book/book.state';
import { parseMoney } from '../shared/money';
import { DrawdownEvent } from './drawdown.events';

export function evolveDrawdown(state: BookState, event: DrawdownEvent): BookState {
  switch (event.type) {
    case 'DrawdownBooked': {
      const d = event.data;
      const amount = parseMoney(d.amount);
      const exposure = parseMoney(d.exposure);
      const limit = state.limits.get(d.limitId);
      return {
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
        }),
        limits: limit
          ? state.limits.set(d.limitId, { ...limit, outstanding: limit.outstanding + amount, exposure: limit.exposure + exposure })
          : state.limits,
      };
    }
    case 'RepaymentBooked': {
      const d = event.data;
      const drawdown = state.drawdowns.get(d.drawdownId);
      if (!drawdown) return state;
      const outstanding = parseMoney(d.outstandingAfter);
      const exposure = parseMoney(d.exposureAfter);
      const limit = state.limits.get(d.limitId);
      return {
        ...state,
        drawdowns: state.drawdowns.set(d.drawdownId, { ...drawdown, outstanding, exposure }),
        limits: limit
          ? state.limits.set(d.limitId, {
              ...limit,
              outstanding: limit.outstanding - (drawdown.outstanding - outstanding),
              exposure: limit.exposure - (drawdown.exposure - exposure),
            })
          : state.limits,
      };
    }
    default: {
      const unhandled: never = event;
      return unhandled;
    }
  }
}
