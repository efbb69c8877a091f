import { BookEvent } from '../book/book.events';
import { BookState, initialBookState } from '../book/book.state';
import { evolveOn } from '../book/book.evolve';
import { customers, drawdownBooked, limitGranted, netCapitalDeclared, repaymentBooked } from '../testing/book.fixtures';
import { NO_REPAYMENTS } from '../book/drawdown-rows';

/**
 * Customer S with limit L1 of 50,000,000.00. D1: an acceptance of 10,000,000.00 with a 4,000,000.00 margin, so
 * exposure 6,000,000.00 and covered 10,000,000.00 - 6,000,000.00 = 4,000,000.00. D2: a loan of 3,000,000.00, no
 * margin: exposure 3,000,000.00, covered 0.
 */
const on = (date: string, state: BookState, ...events: BookEvent[]) => events.reduce(evolveOn(date), state);
const book = on('2026-01-05', initialBookState, netCapitalDeclared('1000000000.00'), ...customers('S'), limitGranted('L1', 'S', '50000000.00'));
const booked = on(
  '2026-02-01',
  book,
  drawdownBooked('D1', 'L1', 'S', '10000000.00', { product: 'acceptance', margin: '4000000.00', exposure: '6000000.00' }),
  drawdownBooked('D2', 'L1', 'S', '3000000.00'),
);

describe('evolveDrawdown', () => {
  it('books a drawdown with its figures in fen and its date, and no repayments', () => {
    const d1 = booked.drawdowns.get('D1')!;
    expect(d1).toEqual({
      drawdownId: 'D1',
      limitId: 'L1',
      customerId: 'S',
      product: 'acceptance',
      amount: 1_000_000_000n,
      margin: 400_000_000n,
      outstanding: 1_000_000_000n,
      exposure: 600_000_000n,
      covered: 400_000_000n,
      since: '2026-02-01',
      repayments: [],
    });
    expect(booked.drawdowns.get('D2')).toMatchObject({ amount: 300_000_000n, margin: 0n, outstanding: 300_000_000n, exposure: 300_000_000n, covered: 0n });
    // The limit's balances: 10,000,000.00 + 3,000,000.00 outstanding, 6,000,000.00 + 3,000,000.00 exposed.
    expect(booked.limits.get('L1')).toMatchObject({ outstanding: 1_300_000_000n, exposure: 900_000_000n });
  });

  it('gives every drawdown without repayments the one frozen empty array', () => {
    expect(booked.drawdowns.get('D1')!.repayments).toBe(NO_REPAYMENTS);
    expect(booked.drawdowns.get('D2')!.repayments).toBe(NO_REPAYMENTS);
    expect(Object.isFrozen(NO_REPAYMENTS)).toBe(true);
  });

  it('keeps each repayment with its date, leaving the shared empty array and the earlier state as they were', () => {
    // D1 repaid 5,000,000.00 on 03-01, then 2,000,000.00 on 03-15: outstanding 10,000,000.00 - 7,000,000.00 =
    // 3,000,000.00; exposure max(0, 3,000,000.00 - 4,000,000.00 covered) = 0.
    const once = on('2026-03-01', booked, repaymentBooked('D1', 'L1', 'S', '5000000.00', '5000000.00', '1000000.00'));
    const twice = on('2026-03-15', once, repaymentBooked('D1', 'L1', 'S', '2000000.00', '3000000.00', '0.00'));
    expect(once.drawdowns.get('D1')).toMatchObject({ outstanding: 500_000_000n, exposure: 100_000_000n, repayments: [{ on: '2026-03-01', amount: 500_000_000n }] });
    expect(twice.drawdowns.get('D1')).toMatchObject({
      outstanding: 300_000_000n,
      exposure: 0n,
      covered: 400_000_000n,
      repayments: [{ on: '2026-03-01', amount: 500_000_000n }, { on: '2026-03-15', amount: 200_000_000n }],
    });
    expect(booked.drawdowns.get('D1')!.repayments).toEqual([]);
    expect(NO_REPAYMENTS).toEqual([]);
    // The limit: 13,000,000.00 - 7,000,000.00 = 6,000,000.00 outstanding; exposed 0 + 3,000,000.00 (D2).
    expect(twice.limits.get('L1')).toMatchObject({ outstanding: 600_000_000n, exposure: 300_000_000n });
  });
});
