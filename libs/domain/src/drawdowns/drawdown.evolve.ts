import { BookState } from '../book/book.state';
import { updateLimit } from '../limits/limit.evolve';
import { parseMoney } from '../shared/money';
import { DrawdownEvent } from './drawdown.events';
import { BusinessDate } from '../shared/business-date';
import { exposureLeft } from '../book/book-on-date';

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
          covered: amount - exposure,
          since: effectiveDate,
          repayments: [],
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
      const outstanding = drawdown.outstanding - parseMoney(d.amount);
      const exposure = exposureLeft(outstanding, drawdown.covered);
      const repayments = [...drawdown.repayments, { on: effectiveDate, amount: parseMoney(d.amount) }];
      const repaid = { ...state, drawdowns: state.drawdowns.set(d.drawdownId, { ...drawdown, outstanding, exposure, repayments }) };
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
