import { BookedDrawdown, BookedTwice, Drawdowns, NO_REPAYMENTS } from './drawdown-rows';

/** Amounts in fen: D1 a loan of 1,000.00 (100,000 fen) with 300.00 covered; D2 a loan of 500.00, nothing covered. */
const d1: BookedDrawdown = { drawdownId: 'D1', limitId: 'L1', customerId: 'C1', product: 'loan', amount: 100_000n, margin: 30_000n, covered: 30_000n, since: '2026-02-01' };
const d2: BookedDrawdown = { drawdownId: 'D2', limitId: 'L1', customerId: 'C1', product: 'loan', amount: 50_000n, margin: 0n, covered: 0n, since: '2026-02-03' };

describe('Drawdowns', () => {
  it('reads a booked drawdown back with its exposure derived from what is covered', () => {
    const book = Drawdowns.none.booked(d1);
    // Exposure: 100,000 - 30,000 covered = 70,000.
    expect(book.get('D1')).toEqual({ ...d1, outstanding: 100_000n, exposure: 70_000n, repayments: [] });
    expect(book.get('D1')!.repayments).toBe(NO_REPAYMENTS);
    expect(book.has('D2')).toBe(false);
    expect(book.size).toBe(1);
    expect(Drawdowns.none.size).toBe(0);
  });

  it('keeps each repayment with its date, in booking order, and every earlier state as it was', () => {
    const booked = Drawdowns.none.booked(d1).booked(d2);
    const once = booked.repaid('D1', '2026-03-01', 60_000n);
    const twice = once.repaid('D2', '2026-03-02', 10_000n).repaid('D1', '2026-03-05', 20_000n);
    // D1: 100,000 - 60,000 = 40,000 outstanding, exposure 40,000 - 30,000 = 10,000; then - 20,000 = 20,000, exposure 0.
    expect(once.get('D1')).toMatchObject({ outstanding: 40_000n, exposure: 10_000n, repayments: [{ on: '2026-03-01', amount: 60_000n }] });
    expect(twice.get('D1')).toMatchObject({
      outstanding: 20_000n,
      exposure: 0n,
      repayments: [{ on: '2026-03-01', amount: 60_000n }, { on: '2026-03-05', amount: 20_000n }],
    });
    // D2: 50,000 - 10,000 = 40,000, all of it exposed.
    expect(twice.get('D2')).toMatchObject({ outstanding: 40_000n, exposure: 40_000n });
    // The states before see none of the later repayments.
    expect(once.get('D1')!.repayments).toHaveLength(1);
    expect(once.get('D2')!.outstanding).toBe(50_000n);
    expect(booked.get('D1')!.outstanding).toBe(100_000n);
    expect([...twice.keys()]).toEqual(['D1', 'D2']);
  });

  it('gives its rows as columns, and a book of those columns reads and goes on as the one it came from', () => {
    const book = Drawdowns.none.booked(d1).repaid('D1', '2026-03-01', 60_000n).booked(d2).repaid('D1', '2026-03-05', 20_000n);
    const columns = book.columns();
    // The distinct strings in the order first named: D1's limit, customer, product and date, D2's date, the two repayments' dates.
    expect(columns.strings).toEqual(['L1', 'C1', 'loan', '2026-02-01', '2026-03-01', '2026-02-03', '2026-03-05']);
    expect(String.fromCharCode(...columns.idUnits)).toBe('D1D2');
    expect([...columns.idLengths]).toEqual([2, 2]);
    expect([...columns.limit, ...columns.customer, ...columns.product]).toEqual([0, 0, 1, 1, 2, 2]);
    expect([...columns.since]).toEqual([3, 5]);
    expect([...columns.amount, ...columns.margin, ...columns.covered]).toEqual([100_000n, 50_000n, 30_000n, 0n, 30_000n, 0n]);
    // Both repayments are of row 0 (D1), on 2026-03-01 (4) and 2026-03-05 (6).
    expect([...columns.repaidRow, ...columns.repaidOn, ...columns.repaid]).toEqual([0, 0, 4, 6, 60_000n, 20_000n]);

    const restored = Drawdowns.fromColumns(columns);
    expect([...restored]).toEqual([...book]);
    // D1: 100,000 - 60,000 - 20,000 = 20,000 outstanding, of which 30,000 covered: no exposure.
    expect(restored.get('D1')).toMatchObject({ outstanding: 20_000n, exposure: 0n, repayments: [{ on: '2026-03-01', amount: 60_000n }, { on: '2026-03-05', amount: 20_000n }] });
    expect(restored.idsOfLimit('L1')).toEqual(['D1', 'D2']);
    // It goes on as any other state: D2 repaid by 10,000 leaves 40,000; D3 is booked after D2 on L1.
    const on = restored.repaid('D2', '2026-03-06', 10_000n).booked({ ...d2, drawdownId: 'D3' });
    expect(on.get('D2')).toMatchObject({ outstanding: 40_000n, exposure: 40_000n });
    expect(on.idsOfLimit('L1')).toEqual(['D1', 'D2', 'D3']);
    expect(restored.get('D2')!.outstanding).toBe(50_000n);
  });

  it("gives an earlier state's columns as that state had them, and the empty book's as none", () => {
    const one = Drawdowns.none.booked(d1);
    one.repaid('D1', '2026-03-01', 60_000n).booked(d2);
    const columns = one.columns();
    expect([...columns.idLengths]).toEqual([2]);
    expect(columns.repaidRow).toHaveLength(0);
    expect(Drawdowns.fromColumns(columns).get('D1')).toMatchObject({ outstanding: 100_000n, repayments: [] });
    expect(Drawdowns.fromColumns(Drawdowns.none.columns())).toBe(Drawdowns.none);
  });

  it('refuses columns that do not fit together: an id twice, a place outside the strings or the rows, lengths that differ', () => {
    const columns = Drawdowns.none.booked(d1).repaid('D1', '2026-03-01', 60_000n).booked(d2).columns();
    expect(() => Drawdowns.fromColumns({ ...columns, idUnits: Uint16Array.from('D1D1', (c) => c.charCodeAt(0)) })).toThrow(new BookedTwice('D1'));
    expect(() => Drawdowns.fromColumns({ ...columns, customer: Int32Array.of(1, 7) })).toThrow('customer[1]: 7 is outside 0 to 5');
    expect(() => Drawdowns.fromColumns({ ...columns, repaidRow: Int32Array.of(2) })).toThrow('repaidRow[0]: 2 is outside 0 to 1');
    expect(() => Drawdowns.fromColumns({ ...columns, margin: BigInt64Array.of(0n) })).toThrow('margin: 1 rows, expected 2');
    expect(() => Drawdowns.fromColumns({ ...columns, idUnits: Uint16Array.from('D1D2X', (c) => c.charCodeAt(0)) })).toThrow('texts of 4 code units in all, given 5');
    expect(() => Drawdowns.fromColumns({ ...columns, strings: ['L1', 'C1', 'loan', 'L1', '2026-02-03', '2026-03-01'] })).toThrow('the string "L1" is given twice');
  });

  it('answers "no such drawdown" for one booked after the state it is asked of, and repays nothing then', () => {
    const before = Drawdowns.none.booked(d1);
    const after = before.booked(d2);
    expect(before.get('D2')).toBeUndefined();
    expect(before.repaid('D2', '2026-03-01', 1n)).toBe(before);
    expect(after.get('D2')!.amount).toBe(50_000n);
  });

  it('goes on from an earlier state by dropping what came after it, which can then no longer be read', () => {
    const base = Drawdowns.none.booked(d1).repaid('D1', '2026-03-01', 10_000n);
    const tried = base.booked(d2).repaid('D1', '2026-03-02', 5_000n);
    // A decision refused what was tried: the next command goes on from base.
    const next = base.repaid('D1', '2026-03-04', 40_000n);
    // 100,000 - 10,000 - 40,000 = 50,000: the 5,000 tried is not there, nor is D2.
    expect(next.get('D1')).toMatchObject({ outstanding: 50_000n, repayments: [{ on: '2026-03-01', amount: 10_000n }, { on: '2026-03-04', amount: 40_000n }] });
    expect(next.has('D2')).toBe(false);
    expect(base.get('D1')!.outstanding).toBe(90_000n);
    expect(() => tried.get('D1')).toThrow(/left behind/);
    expect(() => tried.size).toThrow(/left behind/);
  });

  it('keeps reading a state from before the point another went on from', () => {
    const first = Drawdowns.none.booked(d1);
    const base = first.repaid('D1', '2026-03-01', 10_000n);
    base.booked(d2);
    const next = base.booked({ ...d2, drawdownId: 'D3' });
    expect(first.get('D1')!.outstanding).toBe(100_000n);
    expect(base.has('D2')).toBe(false);
    expect([...next.keys()]).toEqual(['D1', 'D3']);
  });

  it("lists a limit's drawdowns in the order booked, as the state asked of had them", () => {
    const other: BookedDrawdown = { ...d2, drawdownId: 'E1', limitId: 'L2' };
    const two = Drawdowns.none.booked(d1).booked(other).booked(d2);
    const three = two.booked({ ...d1, drawdownId: 'D3' });
    expect(three.idsOfLimit('L1')).toEqual(['D1', 'D2', 'D3']);
    expect(two.idsOfLimit('L1')).toEqual(['D1', 'D2']);
    expect(two.ofLimit('L2').map((d) => d.drawdownId)).toEqual(['E1']);
    expect(two.idsOfLimit('L9')).toEqual([]);
    // Going on from `two` drops D3 from L1's list.
    const instead = two.booked({ ...d1, drawdownId: 'D4', limitId: 'L2' });
    expect(instead.idsOfLimit('L1')).toEqual(['D1', 'D2']);
    expect(instead.idsOfLimit('L2')).toEqual(['E1', 'D4']);
  });

  it('finds every one of many drawdowns by id, and none dropped, after its table of ids has grown', () => {
    // 5,000 ids fill the first table of 1,024 slots more than twice over; 100 more are tried and dropped.
    let book = Drawdowns.none;
    for (let i = 0; i < 5_000; i++) book = book.booked({ ...d1, drawdownId: `drawdown-${i}`, amount: BigInt(i + 1) });
    let tried = book;
    for (let i = 5_000; i < 5_100; i++) tried = tried.booked({ ...d1, drawdownId: `drawdown-${i}` });
    const next = book.booked({ ...d1, drawdownId: 'drawdown-5050' });
    expect(book.get('drawdown-0')!.amount).toBe(1n);
    expect(book.get('drawdown-4999')!.amount).toBe(5_000n);
    expect(book.has('drawdown-5000')).toBe(false);
    expect(next.has('drawdown-5001')).toBe(false);
    expect(next.get('drawdown-5050')!.amount).toBe(100_000n);
    expect(next.size).toBe(5_001);
    expect([...next.keys()].slice(-2)).toEqual(['drawdown-4999', 'drawdown-5050']);
  });

  it('takes back the columns of many drawdowns, ids past the end of an arena chunk among them', () => {
    // 5,000 ids of 10 to 14 code units are about 60,000 units: more than three chunks of 16,384. On 300 limits, each
    // one's chain of drawdowns derived again on load.
    let book = Drawdowns.none;
    for (let i = 0; i < 5_000; i++) book = book.booked({ ...d1, drawdownId: `drawdown-${i}`, limitId: `L-${i % 300}`, amount: BigInt(i + 1) });
    for (let i = 0; i < 5_000; i += 7) book = book.repaid(`drawdown-${i}`, '2026-03-01', 1n);
    const restored = Drawdowns.fromColumns(book.columns());
    expect([...restored.keys()]).toEqual([...book.keys()]);
    for (const i of [0, 1, 4_999, 1_365, 1_366, 4_998]) expect(restored.get(`drawdown-${i}`)).toEqual(book.get(`drawdown-${i}`));
    // drawdown-4998 (4,998 = 7 x 714) was repaid 1 fen: 4,999 - 1 = 4,998 left.
    expect(restored.get('drawdown-4998')!.outstanding).toBe(4_998n);
    expect(restored.has('drawdown-5000')).toBe(false);
    // L-7 has drawdowns 7, 307, ..., 4,807: 17 of them, in the order booked.
    expect(restored.idsOfLimit('L-7')).toEqual(Array.from({ length: 17 }, (_, k) => `drawdown-${7 + 300 * k}`));
    expect(restored.booked({ ...d1, drawdownId: 'new', limitId: 'L-7' }).idsOfLimit('L-7').slice(-2)).toEqual(['drawdown-4807', 'new']);
  });

  it('takes any string for an id, "__proto__" too (ids are data)', () => {
    const book = Drawdowns.none.booked({ ...d1, drawdownId: '__proto__' }).repaid('__proto__', '2026-03-01', 1n);
    expect(book.get('__proto__')!.outstanding).toBe(99_999n);
    expect(book.has('constructor')).toBe(false);
    const unicode = book.booked({ ...d2, drawdownId: '借据-1 é' });
    expect([...unicode.keys()]).toEqual(['__proto__', '借据-1 é']);
  });

  it('starts every book from the empty one apart: two books never share their rows', () => {
    const a = Drawdowns.none.booked(d1);
    const b = Drawdowns.none.booked(d2);
    expect([...a.keys()]).toEqual(['D1']);
    expect([...b.keys()]).toEqual(['D2']);
  });
});
