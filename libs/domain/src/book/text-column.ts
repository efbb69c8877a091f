import { ints } from './column';

/** Code units per chunk of the arena: a text at most this long never straddles two chunks. */
const ARENA_BITS = 14;
const ARENA_UNITS = 1 << ARENA_BITS;
const UNIT_MASK = ARENA_UNITS - 1;
/** Stands for the chunks a long text's own array is numbered as, after the first: nothing is ever written to it. */
const SPANNED = new Uint16Array(0);
/** Code units turned into a string per call: String.fromCharCode takes them as arguments. */
const PIECE_UNITS = 8_192;

/**
 * Strings by row, held outside the V8 heap as their UTF-16 code units in chunks of an arena: the drawdowns' ids
 * (drawdown-rows.ts) and the customers' names (customer-rows.ts). A million strings in the heap are a million
 * objects that every full collection marks again and that a restore must make one by one (docs/benchmarks.md,
 * twentieth sitting); here they are a few typed arrays, and a string is made only when a row's text is asked for.
 *
 * Rows are only appended, or dropped newest first (truncate), as the book's views need (row-views.ts). A text longer
 * than a chunk gets an array of its own, numbered as the chunks it would fill, so every text is read from one array.
 * Code units are kept as they are, lone surrogates included: a text reads back exactly as it was given.
 */
export class TextColumn {
  private readonly arena: Uint16Array[] = [];
  /** The next free code unit, numbered across the chunks, counting the chunk ends skipped so no text straddles two. */
  private units = 0;
  private readonly start = ints();
  private readonly length = ints();
  private count = 0;

  get rows(): number {
    return this.count;
  }

  /** `text` as the next row; that row. */
  add(text: string): number {
    const start = this.reserve(text.length);
    const chunk = this.arena[start >>> ARENA_BITS];
    const at = start & UNIT_MASK;
    for (let i = 0; i < text.length; i++) chunk[at + i] = text.charCodeAt(i);
    return this.count - 1;
  }

  /**
   * The next rows, the i-th the next `lengths[i]` code units of `units` (as run() gives them), copied without making
   * a string of any: a restore's. A RangeError when they do not fit together.
   */
  appended(lengths: Int32Array, units: Uint16Array): this {
    // Copied a run at a time: the texts one array of the arena receives are next to each other in `units` too, so one
    // copy moves them all (a copy per text cost more than the restore saved by holding no strings).
    let from = 0;
    let runFrom = 0;
    let runStart = -1;
    for (let i = 0; i < lengths.length; i++) {
      const n = lengths[i];
      if (n < 0 || from + n > units.length) throw new RangeError(`text ${i} of ${n} code units, beyond the ${units.length} given`);
      const start = this.reserve(n);
      // A run ends where the texts stop being next to each other in the arena, or where a new array of it begins
      // (a text that ends a chunk exactly is followed by the next chunk's first unit, in the numbering alone).
      if (runStart >= 0 && (start !== runStart + (from - runFrom) || start >>> ARENA_BITS !== runStart >>> ARENA_BITS)) {
        this.copyRun(units, runFrom, from, runStart);
        runStart = -1;
      }
      if (runStart < 0) {
        runFrom = from;
        runStart = start;
      }
      from += n;
    }
    if (runStart >= 0) this.copyRun(units, runFrom, from, runStart);
    if (from !== units.length) throw new RangeError(`texts of ${from} code units in all, given ${units.length}`);
    return this;
  }

  /** Code units `from` to `to` of `units` into the arena from unit `start` on, all within one array of it. */
  private copyRun(units: Uint16Array, from: number, to: number, start: number): void {
    this.arena[start >>> ARENA_BITS].set(units.subarray(from, to), start & UNIT_MASK);
  }

  textOf(row: number): string {
    const start = this.start.get(row);
    const chunk = this.arena[start >>> ARENA_BITS];
    const at = start & UNIT_MASK;
    const n = this.length.get(row);
    if (n <= PIECE_UNITS) return String.fromCharCode.apply(null, chunk.subarray(at, at + n) as unknown as number[]);
    let text = '';
    for (let i = 0; i < n; i += PIECE_UNITS) text += String.fromCharCode.apply(null, chunk.subarray(at + i, at + Math.min(n, i + PIECE_UNITS)) as unknown as number[]);
    return text;
  }

  equals(row: number, text: string): boolean {
    if (this.length.get(row) !== text.length) return false;
    const start = this.start.get(row);
    const chunk = this.arena[start >>> ARENA_BITS];
    const at = start & UNIT_MASK;
    for (let i = 0; i < text.length; i++) if (chunk[at + i] !== text.charCodeAt(i)) return false;
    return true;
  }

  same(a: number, b: number): boolean {
    const n = this.length.get(a);
    if (this.length.get(b) !== n) return false;
    const x = this.start.get(a);
    const y = this.start.get(b);
    const cx = this.arena[x >>> ARENA_BITS];
    const cy = this.arena[y >>> ARENA_BITS];
    for (let i = 0; i < n; i++) if (cx[(x & UNIT_MASK) + i] !== cy[(y & UNIT_MASK) + i]) return false;
    return true;
  }

  /** Back to the first `rows` rows; the chunks past the last one kept are let go. */
  truncate(rows: number): void {
    this.count = rows;
    const n = rows === 0 ? 0 : this.length.get(rows - 1);
    this.units = rows === 0 ? 0 : this.start.get(rows - 1) + (n > ARENA_UNITS ? spanned(n) : n);
    this.arena.length = Math.ceil(this.units / ARENA_UNITS);
  }

  /** Rows `from` to `to` as one run of code units and each one's length: what a snapshot keeps of them. */
  run(from: number, to: number): { lengths: Int32Array; units: Uint16Array } {
    const lengths = new Int32Array(to - from);
    let total = 0;
    for (let row = from; row < to; row++) total += lengths[row - from] = this.length.get(row);
    const units = new Uint16Array(total);
    for (let row = from, into = 0; row < to; row++) {
      const start = this.start.get(row);
      const chunk = this.arena[start >>> ARENA_BITS];
      for (let i = start & UNIT_MASK, end = i + lengths[row - from]; i < end; i++) units[into++] = chunk[i];
    }
    return { lengths, units };
  }

  /** Room for `n` code units as the next row, in one array; where they start. */
  private reserve(n: number): number {
    let start: number;
    if (n > ARENA_UNITS) {
      start = Math.ceil(this.units / ARENA_UNITS) * ARENA_UNITS;
      this.arena.length = start / ARENA_UNITS;
      this.arena.push(new Uint16Array(n));
      while (this.arena.length < (start + spanned(n)) / ARENA_UNITS) this.arena.push(SPANNED);
      this.units = start + spanned(n);
    } else {
      if (ARENA_UNITS - (this.units & UNIT_MASK) < n) this.units = (this.units | UNIT_MASK) + 1;
      start = this.units;
      while (this.arena.length <= start >>> ARENA_BITS) this.arena.push(new Uint16Array(ARENA_UNITS));
      this.units += n;
    }
    this.start.set(this.count, start);
    this.length.set(this.count, n);
    this.count++;
    return start;
  }
}

/** The code units a long text's own array is numbered as: the whole chunks it would fill. */
function spanned(n: number): number {
  return Math.ceil(n / ARENA_UNITS) * ARENA_UNITS;
}
