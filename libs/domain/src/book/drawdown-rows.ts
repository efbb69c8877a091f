import type { Drawdown, Repayment } from './book.state';
import type { BusinessDate } from '../shared/business-date';
import type { Fen } from '../shared/money';
import type { Product } from '../drawdowns/drawdown.events';

/**
 * The book's drawdowns and repayments, as rows in typed columns instead of one object per fact (issue 10: the write
 * model keeps every fact for good, since any later command may be dated back to it, so what a fact costs is what
 * the book grows by). A drawdown is a row of six integers and three amounts, a repayment a row of four integers and
 * two amounts; their strings (limit, customer, product, date) are indexes into one table of the distinct strings.
 * The columns live outside the V8 heap, which sizes its reserve to a multiple of what it holds; on the heap remain
 * only each drawdown's id and the map from it to its row.
 *
 * The state stays a value. `Drawdowns` is a view of the rows written so far (its counts); booking or repaying
 * returns a new view with one row more, and a view never sees a row past its counts. Rows are only ever appended, so
 * every earlier view of the same line of states reads what it read before: the writer encodes a snapshot from
 * one view while it books on. Going on from a view that is not the newest (the state before a refused or failed
 * batch, a decision that tried events and refused) first drops the rows after it; a view that had read those rows
 * can then no longer be read, and says so by throwing, never by answering from rows that are not its own.
 */
const CHUNK_BITS = 14;
const CHUNK_ROWS = 1 << CHUNK_BITS;
const ROW_MASK = CHUNK_ROWS - 1;
const NONE = -1;

/** Every drawdown without repayments shares this one empty list. */
export const NO_REPAYMENTS: readonly Repayment[] = Object.freeze([]);

/** One column of rows in fixed chunks: a row never moves once written, so no write copies the ones before it. */
class Column<T extends number | bigint> {
  private readonly chunks: { [row: number]: T }[] = [];

  constructor(private readonly chunk: (rows: number) => { [row: number]: T }) {}

  get(row: number): T {
    return this.chunks[row >>> CHUNK_BITS][row & ROW_MASK];
  }

  set(row: number, value: T): void {
    const c = row >>> CHUNK_BITS;
    while (this.chunks.length <= c) this.chunks.push(this.chunk(CHUNK_ROWS));
    this.chunks[c][row & ROW_MASK] = value;
  }
}

const ints = () => new Column<number>((n) => new Int32Array(n));
const amounts = () => new Column<bigint>((n) => new BigInt64Array(n));

/** What booking a drawdown records; exposure is derived (exposureLeft of outstanding and covered). */
export interface BookedDrawdown {
  drawdownId: string;
  limitId: string;
  customerId: string;
  product: Product;
  amount: Fen;
  margin: Fen;
  /** What its booking left unexposed: see exposureLeft(). */
  covered: Fen;
  since: BusinessDate;
}

class Rows {
  /** Rows written; a truncation bumps the epoch, and every row carries the epoch it was written in. */
  drawdowns = 0;
  repayments = 0;
  epoch = 0;

  readonly strings: string[] = [];
  readonly stringIndex = new Map<string, number>();

  readonly ids: string[] = [];
  readonly rowOf = new Map<string, number>();
  readonly limit = ints();
  readonly customer = ints();
  readonly product = ints();
  readonly since = ints();
  readonly amount = amounts();
  readonly margin = amounts();
  readonly covered = amounts();
  /** Its last repayment's row, or NONE: a drawdown's repayments are a chain from there back through `prev`. */
  readonly last = ints();
  readonly drawdownEpoch = ints();

  readonly of = ints();
  readonly prev = ints();
  readonly on = ints();
  readonly paid = amounts();
  /** The drawdown's outstanding after this repayment and every one booked before it. */
  readonly left = amounts();
  readonly repaymentEpoch = ints();

  index(value: string): number {
    let i = this.stringIndex.get(value);
    if (i === undefined) {
      i = this.strings.length;
      this.strings.push(value);
      this.stringIndex.set(value, i);
    }
    return i;
  }

  /** Back to the first `drawdowns` and `repayments` rows: each repaid drawdown's last repayment is the one before. */
  truncate(drawdowns: number, repayments: number): void {
    for (let r = this.repayments - 1; r >= repayments; r--) this.last.set(this.of.get(r), this.prev.get(r));
    for (let d = this.drawdowns - 1; d >= drawdowns; d--) this.rowOf.delete(this.ids[d]);
    this.ids.length = drawdowns;
    this.drawdowns = drawdowns;
    this.repayments = repayments;
    this.epoch++;
  }
}

export class Drawdowns implements Iterable<[string, Drawdown]> {
  /** The book before any drawdown: booking from it starts rows of its own, so unrelated books never share any. */
  static readonly none = new Drawdowns(new Rows(), 0, 0, 0);

  readonly #rows: Rows;
  readonly #drawdowns: number;
  readonly #repayments: number;
  readonly #epoch: number;

  private constructor(rows: Rows, drawdowns: number, repayments: number, epoch: number) {
    this.#rows = rows;
    this.#drawdowns = drawdowns;
    this.#repayments = repayments;
    this.#epoch = epoch;
  }

  get size(): number {
    this.#readable();
    return this.#drawdowns;
  }

  has(drawdownId: string): boolean {
    return this.#rowOf(drawdownId) !== undefined;
  }

  get(drawdownId: string): Drawdown | undefined {
    const row = this.#rowOf(drawdownId);
    return row === undefined ? undefined : this.#drawdown(row);
  }

  *[Symbol.iterator](): IterableIterator<[string, Drawdown]> {
    for (let row = 0; row < this.size; row++) yield [this.#rows.ids[row], this.#drawdown(row)];
  }

  *keys(): IterableIterator<string> {
    for (const [id] of this) yield id;
  }

  *values(): IterableIterator<Drawdown> {
    for (const [, drawdown] of this) yield drawdown;
  }

  booked(d: BookedDrawdown): Drawdowns {
    const rows = this.#newest();
    const row = rows.drawdowns;
    rows.ids.push(d.drawdownId);
    rows.rowOf.set(d.drawdownId, row);
    rows.limit.set(row, rows.index(d.limitId));
    rows.customer.set(row, rows.index(d.customerId));
    rows.product.set(row, rows.index(d.product));
    rows.since.set(row, rows.index(d.since));
    rows.amount.set(row, d.amount);
    rows.margin.set(row, d.margin);
    rows.covered.set(row, d.covered);
    rows.last.set(row, NONE);
    rows.drawdownEpoch.set(row, rows.epoch);
    rows.drawdowns++;
    return new Drawdowns(rows, rows.drawdowns, rows.repayments, rows.epoch);
  }

  /** The drawdown repaid by `amount` on `on`; the book unchanged when it holds no such drawdown. */
  repaid(drawdownId: string, on: BusinessDate, amount: Fen): Drawdowns {
    const drawdown = this.#rowOf(drawdownId);
    if (drawdown === undefined) return this;
    const rows = this.#newest();
    const row = rows.repayments;
    const before = rows.last.get(drawdown);
    rows.of.set(row, drawdown);
    rows.prev.set(row, before);
    rows.on.set(row, rows.index(on));
    rows.paid.set(row, amount);
    rows.left.set(row, (before === NONE ? rows.amount.get(drawdown) : rows.left.get(before)) - amount);
    rows.repaymentEpoch.set(row, rows.epoch);
    rows.last.set(drawdown, row);
    rows.repayments++;
    return new Drawdowns(rows, rows.drawdowns, rows.repayments, rows.epoch);
  }

  #rowOf(drawdownId: string): number | undefined {
    this.#readable();
    const row = this.#rows.rowOf.get(drawdownId);
    return row !== undefined && row < this.#drawdowns ? row : undefined;
  }

  #drawdown(row: number): Drawdown {
    const rows = this.#rows;
    const amount = rows.amount.get(row);
    const covered = rows.covered.get(row);
    // The repayments this view has seen: the chain from the drawdown's last, past any booked after the view.
    let last = rows.last.get(row);
    while (last >= this.#repayments) last = rows.prev.get(last);
    const outstanding = last === NONE ? amount : rows.left.get(last);
    let repayments = NO_REPAYMENTS;
    if (last !== NONE) {
      const list: Repayment[] = [];
      for (let r = last; r !== NONE; r = rows.prev.get(r)) list.push({ on: rows.strings[rows.on.get(r)], amount: rows.paid.get(r) });
      repayments = list.reverse();
    }
    return {
      drawdownId: rows.ids[row],
      limitId: rows.strings[rows.limit.get(row)],
      customerId: rows.strings[rows.customer.get(row)],
      product: rows.strings[rows.product.get(row)] as Product,
      amount,
      margin: rows.margin.get(row),
      outstanding,
      exposure: outstanding > covered ? outstanding - covered : 0n,
      covered,
      since: rows.strings[rows.since.get(row)],
      repayments,
    };
  }

  /** The rows, ready for one more: this view's own when it is the newest, else cut back to it; new ones for the empty book. */
  #newest(): Rows {
    if (this.#drawdowns === 0) return new Rows();
    this.#readable();
    const rows = this.#rows;
    if (rows.drawdowns !== this.#drawdowns || rows.repayments !== this.#repayments) rows.truncate(this.#drawdowns, this.#repayments);
    return rows;
  }

  /**
   * A view is readable while its rows are the ones it was made over. A truncation below its counts removes its last
   * row, and any row written after it carries a later epoch, so looking at the last row of each kind is enough.
   */
  #readable(): void {
    const rows = this.#rows;
    if (rows.epoch === this.#epoch) return;
    const own = (written: number, mine: number, epoch: Column<number>) => written >= mine && (mine === 0 || epoch.get(mine - 1) <= this.#epoch);
    if (own(rows.drawdowns, this.#drawdowns, rows.drawdownEpoch) && own(rows.repayments, this.#repayments, rows.repaymentEpoch)) return;
    throw new Error('this book state was left behind: a state made from an earlier one has replaced its drawdowns');
  }
}
