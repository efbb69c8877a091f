import type { Drawdown, Repayment } from './book.state';
import type { BusinessDate } from '../shared/business-date';
import type { Fen } from '../shared/money';
import type { Product } from '../drawdowns/drawdown.events';
import { idHash, idHashOfUnits } from './id-hash';
import { leftBehind, stillHolds } from './row-views';
import { amounts, ints } from './column';
import { TextColumn } from './text-column';
import { RowsByHash } from './rows-by-hash';

/**
 * The book's drawdowns and repayments, as rows in typed columns instead of one object per fact (issue 10: the write
 * model keeps every fact for good, since any later command may be dated back to it, so what a fact costs is what
 * the book grows by). A drawdown is a row of integers and amounts, its id's UTF-16 code units in an arena, a
 * repayment a row of four integers and two amounts; their other strings (limit, customer, product, date) are indexes
 * into one table of the distinct strings. All of it lives outside the V8 heap, which sizes its reserve to a multiple
 * of what it holds: the heap holds nothing per drawdown or repayment.
 *
 * The state stays a value. `Drawdowns` is a view of the rows written so far (its counts); booking or repaying
 * returns a new view with one row more, and a view never sees a row past its counts. Rows are only ever appended, so
 * every earlier view of the same line of states reads what it read before: the writer encodes a snapshot from
 * one view while it books on. Going on from a view that is not the newest (the state before a refused or failed
 * batch, a decision that tried events and refused) first drops the rows after it; a view that had read those rows
 * can then no longer be read, and says so by throwing, never by answering from rows that are not its own.
 */
const NONE = -1;

/** Every drawdown without repayments shares this one empty list. */
export const NO_REPAYMENTS: readonly Repayment[] = Object.freeze([]);

/**
 * Each drawdown row's id, outside the heap: its code units in a text column (text-column.ts), its row found by the
 * id's hash (rows-by-hash.ts).
 */
class Ids {
  private readonly texts = new TextColumn();

  constructor(private readonly byHash = new RowsByHash()) {}

  /** The id as the next row. */
  add(id: string): void {
    this.texts.add(id);
    this.byHash.add(idHash(id));
  }

  /** The row with this id among the first `rows`, or undefined. */
  find(id: string, rows: number): number | undefined {
    const hash = idHash(id);
    const t = this.byHash;
    for (let i = t.first(hash), row = t.rowAt(i); row >= 0; i = t.next(i), row = t.rowAt(i)) {
      if (row < rows && t.hashOf(row) === hash && this.texts.equals(row, id)) return row;
    }
    return undefined;
  }

  idOf(row: number): string {
    return this.texts.textOf(row);
  }

  /** Back to the first `rows` rows. */
  truncate(rows: number): void {
    this.byHash.truncate(rows);
    this.texts.truncate(rows);
  }

  /** The first `rows` ids as one run of code units and each one's length: what a snapshot keeps of them. */
  run(rows: number): { lengths: Int32Array; units: Uint16Array } {
    return this.texts.run(0, rows);
  }

  /**
   * The ids of `lengths.length` rows, the i-th the next `lengths[i]` code units of `units` (as run() gives them),
   * placed and hashed from the units without making a string of any. Throws BookedTwice for an id given twice.
   */
  static loaded(lengths: Int32Array, units: Uint16Array): Ids {
    const ids = new Ids(new RowsByHash(lengths.length));
    ids.texts.appended(lengths, units);
    const t = ids.byHash;
    for (let row = 0, from = 0; row < lengths.length; from += lengths[row++]) {
      const hash = idHashOfUnits(units, from, from + lengths[row]);
      for (let i = t.first(hash), other = t.rowAt(i); other >= 0; i = t.next(i), other = t.rowAt(i)) {
        if (t.hashOf(other) === hash && ids.texts.same(other, row)) throw new BookedTwice(ids.idOf(row));
      }
      t.add(hash);
    }
    return ids;
  }
}

/**
 * The distinct strings the rows name, each at its place, found by the id hash (rows-by-hash.ts). Not a Map: a Map
 * hashes each string with V8's own hash the first time it meets it, and a restore's strings are all new (0.3 s for the
 * 400,000 of the big book, against about 0.1 s here). Strings are only ever added.
 */
class Places {
  readonly strings: string[] = [];

  constructor(private readonly byHash = new RowsByHash()) {}

  find(value: string): number | undefined {
    const place = this.probe(value, idHash(value));
    return place < 0 ? undefined : place;
  }

  /** A string not found here, at the next place; that place. */
  add(value: string): number {
    this.strings.push(value);
    this.byHash.add(idHash(value));
    return this.strings.length - 1;
  }

  /** These strings at their places; a RangeError for one given twice. */
  static loaded(strings: readonly string[]): Places {
    const places = new Places(new RowsByHash(strings.length));
    for (const value of strings) {
      const hash = idHash(value);
      if (places.probe(value, hash) >= 0) throw new RangeError(`the string ${JSON.stringify(value).slice(0, 80)} is given twice`);
      places.strings.push(value);
      places.byHash.add(hash);
    }
    return places;
  }

  /** The place of `value`, whose hash is `hash`, or -1. */
  private probe(value: string, hash: number): number {
    const t = this.byHash;
    for (let i = t.first(hash), place = t.rowAt(i); place >= 0; i = t.next(i), place = t.rowAt(i)) {
      if (t.hashOf(place) === hash && this.strings[place] === value) return place;
    }
    return -1;
  }
}

/**
 * What a snapshot keeps of the rows (writer/snapshot): the facts as booked, column by column in row order, with no
 * object or string per row. The rest (each limit's and each drawdown's chain, what each repayment left outstanding,
 * the ids' table) follows from these and is derived again on load.
 */
export interface DrawdownColumns {
  /** The distinct strings the rows name (limits, customers, products, dates): the columns below hold their places. */
  strings: readonly string[];
  /** Per drawdown: its id as a run of code units (all ids, one after the other) and its id's length. */
  idUnits: Uint16Array;
  idLengths: Int32Array;
  limit: Int32Array;
  customer: Int32Array;
  product: Int32Array;
  since: Int32Array;
  amount: BigInt64Array;
  margin: BigInt64Array;
  covered: BigInt64Array;
  /** Per repayment, in the order booked: its drawdown's row, its date, its amount. */
  repaidRow: Int32Array;
  repaidOn: Int32Array;
  repaid: BigInt64Array;
}

/** What booking a drawdown records: its exposure follows from its outstanding and what is covered (exposureLeft). */
export type BookedDrawdown = Pick<Drawdown, 'drawdownId' | 'limitId' | 'customerId' | 'product' | 'amount' | 'margin' | 'covered' | 'since'>;

class Rows {
  /** Rows written; a truncation bumps the epoch, and every row carries the epoch it was written in. */
  drawdowns = 0;
  repayments = 0;
  epoch = 0;


  constructor(
    readonly ids = new Ids(),
    readonly places = new Places(),
  ) {}

  /** The distinct strings the rows name, by place. */
  get strings(): readonly string[] {
    return this.places.strings;
  }

  readonly limit = ints();
  /** The limit's drawdown booked before this one, or NONE: a limit's drawdowns are a chain back from `limitLast`. */
  readonly prevOnLimit = ints();
  /** By the limit id's index in `strings`: the row of its last drawdown (NONE when it has none). */
  readonly limitLast = ints();
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
    let i = this.places.find(value);
    if (i === undefined) {
      i = this.places.add(value);
      this.limitLast.set(i, NONE);
    }
    return i;
  }

  /** The drawdown as the next row; its row. */
  book(d: BookedDrawdown): number {
    const row = this.drawdowns;
    const limit = this.index(d.limitId);
    this.ids.add(d.drawdownId);
    this.limit.set(row, limit);
    this.linkToLimit(row);
    this.customer.set(row, this.index(d.customerId));
    this.product.set(row, this.index(d.product));
    this.since.set(row, this.index(d.since));
    this.amount.set(row, d.amount);
    this.margin.set(row, d.margin);
    this.covered.set(row, d.covered);
    this.last.set(row, NONE);
    this.drawdownEpoch.set(row, this.epoch);
    this.drawdowns++;
    return row;
  }

  /** A repayment of the drawdown in row `drawdown` as the next row; the drawdown's outstanding after it. */
  repay(drawdown: number, on: BusinessDate, amount: Fen): Fen {
    const row = this.repayments;
    this.of.set(row, drawdown);
    this.on.set(row, this.index(on));
    this.paid.set(row, amount);
    this.repaymentEpoch.set(row, this.epoch);
    this.repayments++;
    return this.linkRepayment(row);
  }

  /** Drawdown `row`, its limit written, as its limit's newest. */
  private linkToLimit(row: number): void {
    const limit = this.limit.get(row);
    this.prevOnLimit.set(row, this.limitLast.get(limit));
    this.limitLast.set(limit, row);
  }

  /** Repayment `row`, its drawdown and amount written, as its drawdown's newest; what it leaves outstanding. */
  private linkRepayment(row: number): Fen {
    const drawdown = this.of.get(row);
    const before = this.last.get(drawdown);
    const left = (before === NONE ? this.amount.get(drawdown) : this.left.get(before)) - this.paid.get(row);
    this.prev.set(row, before);
    this.left.set(row, left);
    this.last.set(drawdown, row);
    return left;
  }

  /** The first `drawdowns` and `repayments` rows as columns (DrawdownColumns). */
  columns(drawdowns: number, repayments: number): DrawdownColumns {
    const { lengths, units } = this.ids.run(drawdowns);
    return {
      strings: this.strings.slice(),
      idUnits: units,
      idLengths: lengths,
      limit: this.limit.copy(drawdowns),
      customer: this.customer.copy(drawdowns),
      product: this.product.copy(drawdowns),
      since: this.since.copy(drawdowns),
      amount: this.amount.copy(drawdowns),
      margin: this.margin.copy(drawdowns),
      covered: this.covered.copy(drawdowns),
      repaidRow: this.of.copy(repayments),
      repaidOn: this.on.copy(repayments),
      repaid: this.paid.copy(repayments),
    };
  }

  /**
   * Rows holding the columns, with the chains and what each repayment left derived in one pass over them. Throws a
   * RangeError for columns that do not fit together (lengths, a place outside the strings or the rows, a string given
   * twice), BookedTwice for an id given twice.
   */
  static loaded(c: DrawdownColumns): Rows {
    const drawdowns = c.idLengths.length;
    const repayments = c.repaidRow.length;
    const places = c.strings.length;
    const within = (name: string, column: Int32Array, length: number, bound: number) => {
      if (column.length !== length) throw new RangeError(`${name}: ${column.length} rows, expected ${length}`);
      for (let row = 0; row < length; row++) if (column[row] < 0 || column[row] >= bound) throw new RangeError(`${name}[${row}]: ${column[row]} is outside 0 to ${bound - 1}`);
    };
    within('limit', c.limit, drawdowns, places);
    within('customer', c.customer, drawdowns, places);
    within('product', c.product, drawdowns, places);
    within('since', c.since, drawdowns, places);
    within('repaidRow', c.repaidRow, repayments, drawdowns);
    within('repaidOn', c.repaidOn, repayments, places);
    for (const [name, column, length] of [['amount', c.amount, drawdowns], ['margin', c.margin, drawdowns], ['covered', c.covered, drawdowns], ['repaid', c.repaid, repayments]] as const) {
      if (column.length !== length) throw new RangeError(`${name}: ${column.length} rows, expected ${length}`);
    }
    const rows = new Rows(Ids.loaded(c.idLengths, c.idUnits), Places.loaded(c.strings));
    rows.limit.load(c.limit);
    rows.prevOnLimit.load(new Int32Array(drawdowns));
    rows.limitLast.load(new Int32Array(places).fill(NONE));
    rows.customer.load(c.customer);
    rows.product.load(c.product);
    rows.since.load(c.since);
    rows.amount.load(c.amount);
    rows.margin.load(c.margin);
    rows.covered.load(c.covered);
    rows.last.load(new Int32Array(drawdowns).fill(NONE));
    rows.drawdownEpoch.load(new Int32Array(drawdowns));
    rows.of.load(c.repaidRow);
    rows.on.load(c.repaidOn);
    rows.paid.load(c.repaid);
    rows.prev.load(new Int32Array(repayments));
    rows.left.load(new BigInt64Array(repayments));
    rows.repaymentEpoch.load(new Int32Array(repayments));
    // The chains and what each repayment left, derived as booking and repaying derive them, in row order.
    for (let row = 0; row < drawdowns; row++) rows.linkToLimit(row);
    for (let row = 0; row < repayments; row++) rows.linkRepayment(row);
    rows.drawdowns = drawdowns;
    rows.repayments = repayments;
    return rows;
  }

  /**
   * Back to the first `drawdowns` and `repayments` rows: each repaid drawdown's last repayment is again the one
   * before, each limit's last drawdown the one before.
   */
  truncate(drawdowns: number, repayments: number): void {
    for (let r = this.repayments - 1; r >= repayments; r--) this.last.set(this.of.get(r), this.prev.get(r));
    for (let d = this.drawdowns - 1; d >= drawdowns; d--) this.limitLast.set(this.limit.get(d), this.prevOnLimit.get(d));
    this.ids.truncate(drawdowns);
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
    for (let row = 0; row < this.size; row++) {
      const drawdown = this.#drawdown(row);
      yield [drawdown.drawdownId, drawdown];
    }
  }

  *keys(): IterableIterator<string> {
    for (let row = 0; row < this.size; row++) yield this.#rows.ids.idOf(row);
  }

  *values(): IterableIterator<Drawdown> {
    for (let row = 0; row < this.size; row++) yield this.#drawdown(row);
  }

  /** Its entries, in the order booked: what a JSON picture of a book shows of its drawdowns. */
  toJSON(): [string, Drawdown][] {
    return [...this];
  }

  booked(d: BookedDrawdown): Drawdowns {
    const rows = this.#newest();
    rows.book(d);
    return new Drawdowns(rows, rows.drawdowns, rows.repayments, rows.epoch);
  }

  /** The drawdown repaid by `amount` on `on`; the book unchanged when it holds no such drawdown. */
  repaid(drawdownId: string, on: BusinessDate, amount: Fen): Drawdowns {
    const drawdown = this.#rowOf(drawdownId);
    if (drawdown === undefined) return this;
    const rows = this.#newest();
    rows.repay(drawdown, on, amount);
    return new Drawdowns(rows, rows.drawdowns, rows.repayments, rows.epoch);
  }

  /** This book's rows as columns: what a snapshot keeps of them (DrawdownColumns). */
  columns(): DrawdownColumns {
    this.#readable();
    return this.#rows.columns(this.#drawdowns, this.#repayments);
  }

  /**
   * The book of these columns (a snapshot's restore): rows of their own, filled a column at a time, with no object or
   * string made per drawdown or repayment. Throws as Rows.loaded does for columns that do not fit together.
   */
  static fromColumns(columns: DrawdownColumns): Drawdowns {
    const rows = Rows.loaded(columns);
    return rows.drawdowns === 0 && rows.repayments === 0 ? Drawdowns.none : new Drawdowns(rows, rows.drawdowns, rows.repayments, rows.epoch);
  }

  /** The limit's drawdowns, in the order booked. */
  ofLimit(limitId: string): Drawdown[] {
    return this.#ofLimit(limitId).map((row) => this.#drawdown(row));
  }

  /** The ids of the limit's drawdowns, in the order booked. */
  idsOfLimit(limitId: string): string[] {
    return this.#ofLimit(limitId).map((row) => this.#rows.ids.idOf(row));
  }

  #ofLimit(limitId: string): number[] {
    this.#readable();
    const rows = this.#rows;
    const limit = rows.places.find(limitId);
    if (limit === undefined) return [];
    const own: number[] = [];
    let row = rows.limitLast.get(limit);
    while (row >= this.#drawdowns) row = rows.prevOnLimit.get(row);
    for (; row !== NONE; row = rows.prevOnLimit.get(row)) own.push(row);
    return own.reverse();
  }

  #rowOf(drawdownId: string): number | undefined {
    this.#readable();
    return this.#rows.ids.find(drawdownId, this.#drawdowns);
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
      drawdownId: rows.ids.idOf(row),
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
    const drawdowns = stillHolds(rows.drawdowns, this.#drawdowns, (row) => rows.drawdownEpoch.get(row), this.#epoch);
    if (!drawdowns || !stillHolds(rows.repayments, this.#repayments, (row) => rows.repaymentEpoch.get(row), this.#epoch)) throw leftBehind('drawdowns');
  }
}

export class BookedTwice extends Error {
  constructor(readonly drawdownId: string) {
    super(`drawdown ${drawdownId} is booked already`);
    this.name = 'BookedTwice';
  }
}
