import { ints } from './column';

/**
 * Rows found by the hash of their key: a table of row + 1 by hash (0 where free, at most half full), probed linearly,
 * with each row's hash kept in a column, so the table grows without reading a key. The key and how two compare are the
 * caller's: the drawdowns' ids and the strings their rows name (drawdown-rows.ts). A probe visits first(hash), then
 * next(slot), until rowAt(slot) is -1.
 *
 * Rows leave only newest first (truncate), and a row probes past a slot only when the slot was taken before the row was
 * added, so emptying the newest row's slot breaks no other's probe.
 */
export class RowsByHash {
  private readonly hashes = ints();
  private slots = new Int32Array(1 << 10);
  private rows = 0;

  /** Room for this many rows without growing: a restore, which knows how many it adds. */
  constructor(expected = 0) {
    let size = this.slots.length;
    while (size < 2 * expected) size *= 2;
    if (size !== this.slots.length) this.slots = new Int32Array(size);
  }

  first(hash: number): number {
    return hash & (this.slots.length - 1);
  }

  next(slot: number): number {
    return (slot + 1) & (this.slots.length - 1);
  }

  /** The row in the slot, or -1 where it is free. */
  rowAt(slot: number): number {
    return this.slots[slot] - 1;
  }

  hashOf(row: number): number {
    return this.hashes.get(row);
  }

  /** The next row, whose key has this hash. */
  add(hash: number): void {
    const row = this.rows++;
    this.hashes.set(row, hash);
    if (2 * this.rows > this.slots.length) this.grow();
    else this.slots[this.freeSlot(hash)] = row + 1;
  }

  /** Back to the first `rows` rows, newest first. */
  truncate(rows: number): void {
    for (let row = this.rows - 1; row >= rows; row--) {
      let i = this.first(this.hashes.get(row));
      while (this.slots[i] !== row + 1) i = this.next(i);
      this.slots[i] = 0;
    }
    this.rows = rows;
  }

  private freeSlot(hash: number): number {
    let i = this.first(hash);
    while (this.slots[i] !== 0) i = this.next(i);
    return i;
  }

  /** Twice the slots, every row placed again in row order (the order they were added in), from its kept hash. */
  private grow(): void {
    this.slots = new Int32Array(this.slots.length * 2);
    for (let row = 0; row < this.rows; row++) this.slots[this.freeSlot(this.hashes.get(row))] = row + 1;
  }
}
