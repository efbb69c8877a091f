import { grown } from './column';
import { idHash } from './id-hash';
import { leftBehind, stillHolds } from './row-views';

/**
 * A map keyed by ids whose writes are rows appended to a log, for the book's indexes written most (limits, the
 * by-customer limits, groups, each customer's group today and over time, group names, everyone ever in a group, the
 * customer of each credit code).
 * Issue 9: as persistent maps, every write made a new path of trie nodes over the whole book (a drawdown writes two
 * of them, a merge four per moved member), garbage for the collector, and the maps' nodes stayed in the heap. Here
 * a write is one row, a restore one row per key, and the heap holds the keys and the values; the rest is numbers in
 * typed arrays outside it (docs/benchmarks.md, seventeenth sitting: 9-16% more commands a second, 10% less writer
 * memory; twenty-seventh: the numbers out of the heap).
 *
 * The state stays a value, as the customers' and drawdowns' rows do (customer-rows.ts, drawdown-rows.ts). A
 * `RowMap` is a view of the rows written so far (its count): a key reads its newest row below the count, through a
 * chain from the key's newest row back to its earlier ones, so an older view reads what it read before while newer
 * views write on. Going on from a view that is not the newest (the state before a refused or failed batch) first
 * drops the rows after it; a view that had read those rows can then no longer be read, and says so by throwing.
 *
 * Superseded rows are what keeps older views readable, so they are kept until they outnumber the live ones; the
 * next write then starts a new log holding only the live entries (a copy of the map, once per as many writes as it
 * holds entries). Views on the old log still read it, and nothing writes it again but a view on it.
 */
const NONE = -1;
const REMOVED: unique symbol = Symbol('removed');
type Cell<V> = V | typeof REMOVED;

/** A new log once the rows exceed twice the live entries, and this many more: small maps never copy. */
const SPARE_ROWS = 1024;

/** Rows and keys a new log has room for: the book's small maps (a read's book of one subject) stay small. */
const MIN_ROOM = 16;

class Log<V> {
  count = 0;
  /** Bumped by each truncation; every row carries the epoch it was written in. */
  epoch = 0;

  /** Every key ever written, in the order first written: the order a view iterates in. */
  keys: string[] = [];
  // The numbers of the rows and keys are in typed arrays, outside the heap: a restore writes a row per key of a few
  // hundred thousand, and as arrays of the heap they were a fifth of what it allocated, copied and marked by the
  // collector (docs/benchmarks.md, twenty-seventh sitting). They double as they fill; the log's counts say how much
  // of each is written.
  /** Each key's newest row, or NONE. */
  last: Int32Array;
  private keyHashes: Int32Array;
  /** Pairs of (key + 1, its hash) by hash, (0, 0) where free; at most a quarter full. Keys are never removed. */
  private slots: Int32Array;

  /** Each row's key. */
  keyOf: Int32Array;
  /** The key's row before this one, or NONE. */
  prev: Int32Array;
  /** Live keys after this row: the size of a view whose last row it is. */
  sizes: Int32Array;
  epochs: Int32Array;
  readonly cells: Cell<V>[];

  /**
   * Room for `expected` keys and `rows` rows before anything grows; for a log whose rows are known in number
   * (RowMap.built), its cells at that length at once, filled by index rather than pushed (no outgrown copies left behind).
   */
  constructor(expected = 64, rows = 0) {
    this.cells = new Array<Cell<V>>(rows);
    const rowRoom = Math.max(rows, MIN_ROOM);
    this.keyOf = new Int32Array(rowRoom);
    this.prev = new Int32Array(rowRoom);
    this.sizes = new Int32Array(rowRoom);
    this.epochs = new Int32Array(rowRoom);
    const keyRoom = Math.max(expected, MIN_ROOM);
    this.last = new Int32Array(keyRoom);
    this.keyHashes = new Int32Array(keyRoom);
    let size = 1 << 4;
    while (size < 4 * expected) size *= 2;
    this.slots = new Int32Array(2 * size);
  }

  /** The key's index, or NONE. */
  find(key: string): number {
    return this.slots[2 * this.slotOf(key, idHash(key))] - 1;
  }

  /** The slot holding the key, whose hash is `hash`, or the free slot where it would go. */
  private slotOf(key: string, hash: number): number {
    const mask = (this.slots.length >>> 1) - 1;
    let i = hash & mask;
    while (this.slots[2 * i] !== 0 && !(this.slots[2 * i + 1] === hash && this.keys[this.slots[2 * i] - 1] === key)) i = (i + 1) & mask;
    return i;
  }

  /** The key's newest row below `rows`, or NONE. */
  rowOf(k: number, rows: number): number {
    let row = this.last[k];
    while (row >= rows) row = this.prev[row];
    return row;
  }

  /** The key's value below `rows`, or undefined. */
  valueAt(k: number, rows: number): V | undefined {
    const row = this.rowOf(k, rows);
    if (row === NONE) return undefined;
    const cell = this.cells[row];
    return cell === REMOVED ? undefined : cell;
  }

  /** The cell as the next row, on the newest rows (a view writes only once the log is cut back to it). */
  write(key: string, cell: Cell<V>): void {
    this.writeRow(this.keyIndex(key), cell);
  }

  /**
   * The key's index, added if it is new: hashed once and probed once, where a find and then an add would each do both (a
   * restore adds a few hundred thousand keys per map).
   */
  private keyIndex(key: string): number {
    const hash = idHash(key);
    const i = this.slotOf(key, hash);
    if (this.slots[2 * i] !== 0) return this.slots[2 * i] - 1;
    const k = this.keys.length;
    if (k === this.last.length) {
      this.last = grown(this.last, 2 * k);
      this.keyHashes = grown(this.keyHashes, 2 * k);
    }
    this.keys.push(key);
    this.last[k] = NONE;
    this.keyHashes[k] = hash;
    if (4 * this.keys.length > this.slots.length >>> 1) this.rehash(this.slots.length * 2);
    else {
      this.slots[2 * i] = k + 1;
      this.slots[2 * i + 1] = hash;
    }
    return k;
  }

  private writeRow(k: number, cell: Cell<V>): void {
    const live = this.last[k] !== NONE && this.cells[this.last[k]] !== REMOVED;
    const row = this.count;
    if (row === this.keyOf.length) {
      this.keyOf = grown(this.keyOf, 2 * row);
      this.prev = grown(this.prev, 2 * row);
      this.sizes = grown(this.sizes, 2 * row);
      this.epochs = grown(this.epochs, 2 * row);
    }
    const size = row === 0 ? 0 : this.sizes[row - 1];
    this.keyOf[row] = k;
    this.prev[row] = this.last[k];
    this.cells[row] = cell;
    this.sizes[row] = cell === REMOVED ? (live ? size - 1 : size) : live ? size : size + 1;
    this.epochs[row] = this.epoch;
    this.last[k] = row;
    this.count = row + 1;
  }

  /**
   * A log of one row per key live among the first `rows`, keys at the same indexes: the key table is copied as it is
   * (no key hashed again), and the rows are read in order, each kept when it is its key's newest.
   */
  compacted(rows: number): Log<V> {
    const live = rows === 0 ? 0 : this.sizes[rows - 1];
    const log = new Log<V>(0, live);
    log.keys = this.keys.slice();
    log.keyHashes = this.keyHashes.slice();
    log.slots = this.slots.slice();
    log.last = new Int32Array(this.last.length).fill(NONE);
    for (let row = 0; row < rows; row++) {
      const k = this.keyOf[row];
      const cell = this.cells[row];
      if (cell === REMOVED || this.rowOf(k, rows) !== row) continue;
      const at = log.count;
      log.last[k] = at;
      log.keyOf[at] = k;
      log.prev[at] = NONE;
      log.cells[at] = cell;
      log.sizes[at] = at + 1;
      log.count = at + 1;
    }
    return log;
  }

  /** Back to the first `rows` rows: each key's newest row is again the one before. Keys stay (with no row). */
  truncate(rows: number): void {
    for (let row = this.count - 1; row >= rows; row--) this.last[this.keyOf[row]] = this.prev[row];
    // The cells let go of their values; the numbers past the count are never read, and are written over.
    this.cells.length = rows;
    this.count = rows;
    this.epoch++;
  }

  /** Twice the slots, every key placed again in the order added, from its kept hash. */
  private rehash(length: number): void {
    this.slots = new Int32Array(length);
    const mask = (length >>> 1) - 1;
    for (let k = 0; k < this.keys.length; k++) {
      let i = this.keyHashes[k] & mask;
      while (this.slots[2 * i] !== 0) i = (i + 1) & mask;
      this.slots[2 * i] = k + 1;
      this.slots[2 * i + 1] = this.keyHashes[k];
    }
  }
}

/** What `withMutations` hands its function: writes that go straight on, each seen by the next read. */
export interface RowMapDraft<V> {
  get(key: string): V | undefined;
  set(key: string, value: V): RowMapDraft<V>;
  remove(key: string): RowMapDraft<V>;
}

export class RowMap<V> implements Iterable<[string, V]> {
  /** The empty map: writing from it starts a log of its own, so unrelated maps never share one. */
  static empty<V>(): RowMap<V> {
    return (RowMap.#empty ??= new RowMap<never>(new Log<never>(), 0, 0)) as RowMap<V>;
  }

  static #empty: RowMap<never> | undefined;

  /** The map of these entries, in their order (a key given twice keeps its last value): one log, one view. */
  static of<V>(entries: Iterable<readonly [string, V]>): RowMap<V> {
    const list = Array.isArray(entries) ? (entries as readonly (readonly [string, V])[]) : [...entries];
    return RowMap.built(list.length, (set, i) => set(list[i][0], list[i][1]));
  }

  /**
   * The map of `count` entries, the i-th set by `each(set, i)`: one log sized for them and one view at the end, with
   * no entry objects on the way (a snapshot's restore reads a few hundred thousand per map).
   */
  static built<V>(count: number, each: (set: (key: string, value: V) => void, i: number) => void): RowMap<V> {
    const log = new Log<V>(count, count);
    const set = (key: string, value: V) => {
      if (value === undefined) throw new TypeError(`no value for ${key}: a RowMap holds values, never undefined`);
      log.write(key, value);
    };
    for (let i = 0; i < count; i++) each(set, i);
    return log.count === 0 ? RowMap.empty() : new RowMap(log, log.count, log.epoch);
  }

  readonly #log: Log<V>;
  readonly #count: number;
  readonly #epoch: number;

  private constructor(log: Log<V>, count: number, epoch: number) {
    this.#log = log;
    this.#count = count;
    this.#epoch = epoch;
  }

  get size(): number {
    this.#readable();
    return this.#count === 0 ? 0 : this.#log.sizes[this.#count - 1];
  }

  get(key: string): V | undefined {
    this.#readable();
    const log = this.#log;
    const k = log.find(key);
    return k === NONE ? undefined : log.valueAt(k, this.#count);
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  set(key: string, value: V): RowMap<V> {
    if (value === undefined) throw new TypeError(`no value for ${key}: a RowMap holds values, never undefined`);
    return this.#written(key, value);
  }

  /** The map without the key; this very map when it does not hold it. */
  remove(key: string): RowMap<V> {
    return this.has(key) ? this.#written(key, REMOVED) : this;
  }

  /** Several writes in one go, each seen by the next read; the map after the last. */
  withMutations(change: (draft: RowMapDraft<V>) => void): RowMap<V> {
    let map: RowMap<V> = this;
    const draft: RowMapDraft<V> = {
      get: (key) => map.get(key),
      set: (key, value) => ((map = map.set(key, value)), draft),
      remove: (key) => ((map = map.remove(key)), draft),
    };
    change(draft);
    return map;
  }

  /** The same keys, each value changed: a map of its own. */
  map<W>(change: (value: V, key: string) => W): RowMap<W> {
    const entries: [string, W][] = [];
    for (const [key, value] of this) entries.push([key, change(value, key)]);
    return RowMap.of(entries);
  }

  /** In the order each key was first written, with no entry object per key (a review visits every limit). */
  forEach(visit: (value: V, key: string) => void): void {
    this.#readable();
    const log = this.#log;
    const keys = log.keys.length;
    for (let k = 0; k < keys; k++) {
      const value = log.valueAt(k, this.#count);
      if (value !== undefined) visit(value, log.keys[k]);
    }
  }

  /**
   * Lazily, in the same order: a snapshot encodes a map in steps of a few hundred entries between commands
   * (in-slices.ts), so no step may collect the whole map.
   */
  *[Symbol.iterator](): IterableIterator<[string, V]> {
    this.#readable();
    const log = this.#log;
    const keys = log.keys.length;
    for (let k = 0; k < keys; k++) {
      const value = log.valueAt(k, this.#count);
      if (value !== undefined) yield [log.keys[k], value];
    }
  }

  keys(): IterableIterator<string> {
    const keys: string[] = [];
    this.forEach((_, key) => keys.push(key));
    return keys.values();
  }

  values(): IterableIterator<V> {
    const values: V[] = [];
    this.forEach((value) => values.push(value));
    return values.values();
  }

  /** Its entries: what a JSON picture of a book shows of the map. */
  toJSON(): [string, V][] {
    return [...this];
  }

  #written(key: string, cell: Cell<V>): RowMap<V> {
    const log = this.#newest();
    log.write(key, cell);
    return new RowMap(log, log.count, log.epoch);
  }

  /**
   * The log, ready for one more row: this view's own when it is the newest, else cut back to it; a new one for the
   * empty map, or holding only this view's live entries once superseded rows outnumber them.
   */
  #newest(): Log<V> {
    if (this.#count === 0) return new Log();
    this.#readable();
    const size = this.size;
    if (this.#count > 2 * size + SPARE_ROWS) return this.#log.compacted(this.#count);
    const log = this.#log;
    if (log.count !== this.#count) log.truncate(this.#count);
    return log;
  }

  /**
   * A view is readable while its rows are the ones it was made over: a truncation below its count removes its last
   * row, and any row written after one carries a later epoch, so looking at its last row is enough.
   */
  #readable(): void {
    const log = this.#log;
    if (log.epoch === this.#epoch) return;
    if (!stillHolds(log.count, this.#count, (row) => log.epochs[row], this.#epoch)) throw leftBehind('rows');
  }
}
