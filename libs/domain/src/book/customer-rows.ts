import type { Customer } from './book.state';
import { grown } from './column';
import { idHash } from './id-hash';
import { leftBehind, stillHolds } from './row-views';
import { TextColumn } from './text-column';

/**
 * The book's customers as rows in columns instead of one object per customer in a persistent map (issue 9: a bank
 * has about a million, restored from the snapshot on every start; as a map of objects they took about 170 MB of the
 * writer's heap, and each object and map node was one more for the garbage collector to copy and mark). A customer
 * is only ever registered, never changed or removed, so the rows only grow: each column is one array, and an id is
 * found through an open-addressing table of row numbers by hash.
 *
 * The state stays a value, as the drawdowns' rows (drawdown-rows.ts) do: `Customers` is a view of the rows written
 * so far (its count), registering returns a view with one row more, and a view never sees a row past its count.
 * Going on from a view that is not the newest (the state before a refused or failed batch) first drops the rows
 * after it; a view that had read those rows can then no longer be read, and says so by throwing.
 *
 * The id column holds the strings registration was given: the book's own ids, which every other map of the book is
 * keyed by (relation.evolve.ts withOwnIds), so a look-up hands back the one string the book shares.
 */
class Rows {
  count = 0;
  /** Bumped by each truncation; every row carries the epoch it was written in. */
  epoch = 0;
  readonly ids: string[];
  /** Outside the heap: read only to be shown, and a million names were a third of a restore's strings. */
  readonly names: TextColumn;
  readonly kinds: Customer['kind'][];
  readonly creditCodes: (string | null)[];
  readonly since: string[];
  /** Outside the heap, as a row map's (row-map.ts); as long as `hashes` and grown with it: room, not rows. */
  epochs: Int32Array;
  private hashes: Int32Array;
  /**
   * Pairs of (row + 1, the id's hash) by hash, (0, 0) where free; at most half full. The hash beside the row lets a
   * probe pass a slot without reading the row's id: at a million customers, every read elsewhere is a cache miss.
   */
  private slots: Int32Array;

  /**
   * Room for `expected` rows before the table grows. A restore, which knows how many it reads, also gets columns of
   * that length at once: filled by index, a million rows take a third of the time pushing them took, and leave no
   * outgrown copies behind.
   */
  constructor(expected?: number, names = new TextColumn()) {
    const column = <T>(): T[] => (expected === undefined ? [] : new Array<T>(expected));
    this.ids = column();
    this.names = names;
    this.kinds = column();
    this.creditCodes = column();
    this.since = column();
    let size = 1 << 11;
    while (size < 2 * (expected ?? 0)) size *= 2;
    this.hashes = new Int32Array(size >>> 1);
    this.epochs = new Int32Array(size >>> 1);
    this.slots = new Int32Array(2 * size);
  }

  /** False, and nothing written, when the id is registered already. */
  add(id: string, name: string, kind: Customer['kind'], creditCode: string | null, since: string): boolean {
    if (!this.addNamed(id, kind, creditCode, since)) return false;
    this.names.add(name);
    return true;
  }

  /** As add, for a row whose name the names column holds already (a restore's). */
  addNamed(id: string, kind: Customer['kind'], creditCode: string | null, since: string): boolean {
    const row = this.count;
    const hash = idHash(id);
    const mask = (this.slots.length >>> 1) - 1;
    let i = hash & mask;
    for (; this.slots[2 * i] !== 0; i = (i + 1) & mask) {
      if (this.slots[2 * i + 1] === hash && this.ids[this.slots[2 * i] - 1] === id) return false;
    }
    this.ids[row] = id;
    this.kinds[row] = kind;
    this.creditCodes[row] = creditCode;
    this.since[row] = since;
    if (row === this.hashes.length) {
      this.hashes = grown(this.hashes, row * 2);
      this.epochs = grown(this.epochs, row * 2);
    }
    this.hashes[row] = hash;
    this.epochs[row] = this.epoch;
    this.count = row + 1;
    if (4 * this.count > this.slots.length) this.rehash(this.slots.length * 2);
    else this.place(i, row, hash);
    return true;
  }

  /** The row with this id among the first `rows`, or -1. */
  find(id: string, rows: number): number {
    const hash = idHash(id);
    const mask = (this.slots.length >>> 1) - 1;
    for (let i = hash & mask; this.slots[2 * i] !== 0; i = (i + 1) & mask) {
      const row = this.slots[2 * i] - 1;
      if (this.slots[2 * i + 1] === hash && row < rows && this.ids[row] === id) return row;
    }
    return -1;
  }

  /**
   * Back to the first `rows` rows, newest first: an id probes past a slot only when the slot was taken before it was
   * added, so emptying the slot of the newest row breaks no other's probe.
   */
  truncate(rows: number): void {
    const mask = (this.slots.length >>> 1) - 1;
    for (let row = this.count - 1; row >= rows; row--) {
      let i = this.hashes[row] & mask;
      while (this.slots[2 * i] !== row + 1) i = (i + 1) & mask;
      this.place(i, -1, 0);
    }
    for (const column of [this.ids, this.kinds, this.creditCodes, this.since]) column.length = rows;
    this.names.truncate(rows);
    this.count = rows;
    this.epoch++;
  }

  private place(slot: number, row: number, hash: number): void {
    this.slots[2 * slot] = row + 1;
    this.slots[2 * slot + 1] = hash;
  }

  /** Every row placed again in row order (the order they were added in), from its kept hash. */
  private rehash(size: number): void {
    this.slots = new Int32Array(size);
    const mask = (size >>> 1) - 1;
    for (let row = 0; row < this.count; row++) {
      const hash = this.hashes[row];
      let i = hash & mask;
      while (this.slots[2 * i] !== 0) i = (i + 1) & mask;
      this.place(i, row, hash);
    }
  }
}

type AddNamedCustomer = (customerId: string, kind: Customer['kind'], creditCode: string | null, since: string) => void;

export class RegisteredTwice extends Error {
  constructor(readonly customerId: string) {
    super(`customer ${customerId} is registered already`);
    this.name = 'RegisteredTwice';
  }
}

export class Customers implements Iterable<[string, Customer]> {
  /** The book before any customer: registering from it starts rows of its own, so unrelated books never share any. */
  static readonly none = new Customers(new Rows(), 0, 0);

  readonly #rows: Rows;
  readonly #count: number;
  readonly #epoch: number;

  private constructor(rows: Rows, count: number, epoch: number) {
    this.#rows = rows;
    this.#count = count;
    this.#epoch = epoch;
  }

  get size(): number {
    this.#readable();
    return this.#count;
  }

  has(customerId: string): boolean {
    return this.#rowOf(customerId) >= 0;
  }

  /** The customer as registered; a new object on each call (compare customers by id, never by identity). */
  get(customerId: string): Customer | undefined {
    const row = this.#rowOf(customerId);
    return row < 0 ? undefined : this.#customer(row);
  }

  *[Symbol.iterator](): IterableIterator<[string, Customer]> {
    for (let row = 0; row < this.size; row++) yield [this.#rows.ids[row], this.#customer(row)];
  }

  /** In the order registered. */
  *keys(): IterableIterator<string> {
    for (let row = 0; row < this.size; row++) yield this.#rows.ids[row];
  }

  *values(): IterableIterator<Customer> {
    for (let row = 0; row < this.size; row++) yield this.#customer(row);
  }

  /** The book with this customer registered too. Registering an id twice is refused before (customer.decide.ts): here it throws. */
  registered(customer: Customer): Customers {
    // From an older state, refused before its later rows are dropped: a refusal writes nothing, and drops nothing.
    if (this.#count !== this.#rows.count && this.has(customer.customerId)) throw new RegisteredTwice(customer.customerId);
    const rows = this.#newest();
    if (!rows.add(customer.customerId, customer.name, customer.kind, customer.creditCode, customer.since)) throw new RegisteredTwice(customer.customerId);
    return new Customers(rows, rows.count, rows.epoch);
  }

  /**
   * The book of the customers whose names `names` holds (a snapshot's, TextColumn.appended), the i-th registered by
   * `each(add, i)`: rows of their own sized for them, one view at the end rather than one per customer, and no string
   * made per name (a snapshot's restore reads a million). `add` throws RegisteredTwice for an id registered already.
   */
  static restored(names: TextColumn, each: (add: AddNamedCustomer, i: number) => void): Customers {
    const count = names.rows;
    if (count === 0) return Customers.none;
    const rows = new Rows(count, names);
    const add: AddNamedCustomer = (customerId, kind, creditCode, since) => {
      if (!rows.addNamed(customerId, kind, creditCode, since)) throw new RegisteredTwice(customerId);
    };
    for (let i = 0; i < count; i++) each(add, i);
    return new Customers(rows, rows.count, rows.epoch);
  }

  /** The names of the customers from row `from` to `to`, as a snapshot keeps them (TextColumn.run). */
  names(from: number, to: number): { lengths: Int32Array; units: Uint16Array } {
    this.#readable();
    if (from < 0 || to > this.#count || from > to) throw new RangeError(`names ${from} to ${to} of ${this.#count} customers`);
    return this.#rows.names.run(from, to);
  }

  /** Its entries, in the order registered: what a JSON picture of a book shows of its customers. */
  toJSON(): [string, Customer][] {
    return [...this];
  }

  #rowOf(customerId: string): number {
    this.#readable();
    return this.#rows.find(customerId, this.#count);
  }

  /**
   * The name is made from its code units only when read: most reads want the kind, the date or the book's own id
   * string (a measure asks a member's kind, booking a drawdown its customer's id), and a scan of the book reads every
   * customer. An own enumerable getter, so JSON, spreads and comparisons see it as the field it is.
   */
  #customer(row: number): Customer {
    const rows = this.#rows;
    return {
      customerId: rows.ids[row],
      get name() {
        return rows.names.textOf(row);
      },
      kind: rows.kinds[row],
      creditCode: rows.creditCodes[row],
      since: rows.since[row],
    };
  }

  /** The rows, ready for one more: this view's own when it is the newest, else cut back to it; new ones for the empty book. */
  #newest(): Rows {
    if (this.#count === 0) return new Rows();
    this.#readable();
    const rows = this.#rows;
    if (rows.count !== this.#count) rows.truncate(this.#count);
    return rows;
  }

  /**
   * A view is readable while its rows are the ones it was made over: a truncation below its count removes its last
   * row, and any row written after one carries a later epoch, so looking at its last row is enough.
   */
  #readable(): void {
    const rows = this.#rows;
    if (rows.epoch === this.#epoch) return;
    if (!stillHolds(rows.count, this.#count, (row) => rows.epochs[row], this.#epoch)) throw leftBehind('customers');
  }
}
