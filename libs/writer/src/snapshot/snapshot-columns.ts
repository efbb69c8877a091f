import { endianness } from 'node:os';

/**
 * The binary layout of a snapshot's payload: a table of distinct strings and two streams of numbers, written
 * and read field by field in the same order by book-state.codec.ts. Reading a million-customer book this way
 * makes each distinct string once (an id is shared by every map that names it) and parses no text, where a
 * JSON payload cost seconds of JSON.parse and of garbage collection before the first map was built.
 *
 * The writer hands the payload over in blocks as it fills them, so a save holds one block at a time, never the
 * whole book's bytes. Each block carries the next stretch of each section:
 *
 *   payload = block*
 *   block   = counts (4 x uint32: strings, their UTF-16 units, refs, figures)
 *           | strings (UTF-16LE: lossless for any JS string, lone surrogates included)
 *           | string lengths (uint32 each) | refs (uint32 each) | figures (int64 each)
 *
 * Each section starts at a multiple of 8 bytes from the payload's start (zero bytes fill the gap), and the payload
 * starts at one in the file (SNAPSHOT_HEADER_BYTES), so a reader of the whole file reads each block's refs and figures
 * where they lie, as typed arrays over the file's own bytes, instead of copying 100 MB of them at a bank's scale.
 *
 * A ref names a string by its place in the whole table (every block's strings, in order), or is a count, a flag, or
 * one value of a whole column of int32s (or of code units, two to a ref) written at once. Typed arrays are in the
 * machine's byte order, so both ends insist on little-endian (x86, ARM as run).
 */
export class SnapshotFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SnapshotFormatError';
  }
}

/** The sizes of the payload's sections, summed over its blocks, and the number of blocks: written in the header. */
export interface ColumnSizes {
  blocks: number;
  strings: number;
  stringUnits: number;
  refs: number;
  figures: number;
}

const NULL_REF = 0xffff_ffff;
/** An int64 slot holding this says the figure did not fit and is the decimal string at the next ref. */
const FIGURE_AS_TEXT = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
/** A block's counts, before its sections. */
const BLOCK_HEAD_BYTES = 16;

const ZEROS = Buffer.alloc(8);

function alignedTo8(offset: number): number {
  return offset + ((8 - (offset % 8)) % 8);
}

function requireLittleEndian(): void {
  if (endianness() !== 'LE') throw new SnapshotFormatError('snapshots are written and read on little-endian machines only');
}

/**
 * The string table's index (string to its place in the table) split into INDEX_SHARDS maps by the string's last two
 * characters and length: one Map of millions of strings rehashes all of them whenever it grows, a pause of 0.4 s at
 * a bank's scale (measured, 3 million distinct strings), where a shard's growth is a few milliseconds.
 */
const INDEX_SHARDS = 256;
function shardOf(value: string): number {
  const n = value.length;
  return n < 2 ? n : (value.charCodeAt(n - 1) * 31 + value.charCodeAt(n - 2) + n * 7) % INDEX_SHARDS;
}

export interface ColumnWriterOptions {
  /** Takes each part of the payload in order, valid during the call only (its memory is reused). Default: kept, for finish(). */
  sink?: (part: Buffer) => void;
  /** Refs, figures or strings a block holds at most (about 1 MB of bytes by default). */
  blockItems?: number;
}

export class ColumnWriter {
  private readonly index = Array.from({ length: INDEX_SHARDS }, () => new Map<string, number>());
  private readonly sink: (part: Buffer) => void;
  private readonly kept: Buffer[] = [];
  private readonly blockItems: number;
  /** The block being filled: its strings, refs and figures, and how far each is filled. */
  private strings: string[] = [];
  private stringUnits = 0;
  private readonly refs: Uint32Array;
  private readonly figures: BigInt64Array;
  private refCount = 0;
  private figureCount = 0;
  /** Everything handed over in earlier blocks. */
  private readonly sizes: ColumnSizes = { blocks: 0, strings: 0, stringUnits: 0, refs: 0, figures: 0 };
  /** Bytes handed over so far: where the next part starts in the payload. */
  private bytes = 0;

  constructor(options: ColumnWriterOptions = {}) {
    requireLittleEndian();
    this.blockItems = options.blockItems ?? 1 << 16;
    this.sink = options.sink ?? ((part) => this.kept.push(Buffer.from(part)));
    // One of each for every block: the sink has the bytes before they are overwritten.
    this.refs = new Uint32Array(this.blockItems);
    this.figures = new BigInt64Array(this.blockItems);
  }

  str(value: string): void {
    const shard = this.index[shardOf(value)];
    let at = shard.get(value);
    if (at === undefined) {
      at = this.nextString(value);
      shard.set(value, at);
    }
    this.ref(at);
  }

  nullableStr(value: string | null): void {
    if (value === null) this.ref(NULL_REF);
    else this.str(value);
  }

  /** A count of items to follow, or any small whole number. */
  count(n: number): void {
    if (!Number.isInteger(n) || n < 0 || n >= NULL_REF) throw new SnapshotFormatError(`cannot write ${n} as a count`);
    this.ref(n);
  }

  flag(value: boolean): void {
    this.ref(value ? 1 : 0);
  }

  /** Money in fen: any bigint; those beyond int64 (never seen in a bank's book, still not refused) go as text. */
  fen(value: bigint): void {
    if (value > FIGURE_AS_TEXT && value <= INT64_MAX) {
      this.figure(value);
    } else {
      this.figure(FIGURE_AS_TEXT);
      this.str(value.toString());
    }
  }

  nullableFen(value: bigint | null): void {
    this.flag(value !== null);
    if (value !== null) this.fen(value);
  }

  integer(value: number): void {
    if (!Number.isSafeInteger(value)) throw new SnapshotFormatError(`cannot write ${value} as an integer`);
    this.figure(BigInt(value));
  }

  /**
   * A whole column at once, its length first, as it is held (no figure written as text): the drawdowns' rows
   * (book-state.codec.ts), which a restore takes back a column at a time instead of a value at a time.
   */
  int32s(values: Int32Array): void {
    this.count(values.length);
    this.int32sRaw(values);
  }

  private int32sRaw(values: Int32Array): void {
    for (let at = 0; at < values.length; ) {
      if (this.refCount === this.blockItems) this.flush();
      const n = Math.min(values.length - at, this.blockItems - this.refCount);
      new Int32Array(this.refs.buffer, 4 * this.refCount, n).set(values.subarray(at, at + n));
      this.refCount += n;
      at += n;
    }
  }

  int64s(values: BigInt64Array): void {
    this.count(values.length);
    for (let at = 0; at < values.length; ) {
      if (this.figureCount === this.blockItems) this.flush();
      const n = Math.min(values.length - at, this.blockItems - this.figureCount);
      this.figures.set(values.subarray(at, at + n), this.figureCount);
      this.figureCount += n;
      at += n;
    }
  }

  /** UTF-16 code units, two to a ref (the last one padded with a zero when they are odd in number). */
  units(values: Uint16Array): void {
    const even = new Uint16Array(values.length + (values.length & 1));
    even.set(values);
    this.count(values.length);
    this.int32sRaw(new Int32Array(even.buffer));
  }

  /** Hands over the last block; the sizes of the whole payload, for the header. */
  end(): ColumnSizes {
    this.flush();
    return { ...this.sizes };
  }

  /** The payload in one buffer, for a writer without a sink (tests, tools). */
  finish(): { sizes: ColumnSizes; payload: Buffer } {
    const sizes = this.end();
    return { sizes, payload: Buffer.concat(this.kept) };
  }

  private nextString(value: string): number {
    if (this.strings.length === this.blockItems || this.stringUnits > 8 * this.blockItems) this.flush();
    this.strings.push(value);
    this.stringUnits += value.length;
    return this.sizes.strings + this.strings.length - 1;
  }

  private ref(value: number): void {
    if (this.refCount === this.blockItems) this.flush();
    this.refs[this.refCount++] = value;
  }

  private figure(value: bigint): void {
    if (this.figureCount === this.blockItems) this.flush();
    this.figures[this.figureCount++] = value;
  }

  /** A section to the sink, then the zero bytes that bring the next one to a multiple of 8 bytes. */
  private section(part: Buffer): void {
    this.sink(part);
    this.bytes += part.length;
    const gap = alignedTo8(this.bytes) - this.bytes;
    if (gap > 0) {
      this.sink(ZEROS.subarray(0, gap));
      this.bytes += gap;
    }
  }

  /** The block so far to the sink, if it holds anything; then an empty one. */
  private flush(): void {
    const { strings, refCount, figureCount } = this;
    if (strings.length === 0 && refCount === 0 && figureCount === 0) return;
    const lengths = new Uint32Array(strings.length);
    for (let i = 0; i < strings.length; i++) lengths[i] = strings[i].length;
    this.section(Buffer.from(new Uint32Array([strings.length, this.stringUnits, refCount, figureCount]).buffer));
    this.section(Buffer.from(strings.join(''), 'utf16le'));
    this.section(Buffer.from(lengths.buffer));
    this.section(Buffer.from(this.refs.buffer, 0, 4 * refCount));
    this.section(Buffer.from(this.figures.buffer, 0, 8 * figureCount));
    const { sizes } = this;
    sizes.blocks++;
    sizes.strings += strings.length;
    sizes.stringUnits += this.stringUnits;
    sizes.refs += refCount;
    sizes.figures += figureCount;
    this.strings = [];
    this.stringUnits = 0;
    this.refCount = 0;
    this.figureCount = 0;
  }
}

/**
 * The `n` elements at `offset` of the payload: a view of its own bytes where they lie at a multiple of the element's
 * size in memory (a whole file read into memory of its own, readWhole), else a copy (a payload in a shared pool).
 */
function elementsAt<T extends Uint32Array | BigInt64Array>(kind: { new (buffer: ArrayBufferLike, offset: number, length: number): T; new (length: number): T; BYTES_PER_ELEMENT: number }, payload: Buffer, offset: number, n: number): T {
  const at = payload.byteOffset + offset;
  if (at % kind.BYTES_PER_ELEMENT === 0) return new kind(payload.buffer, at, n);
  const copy = new kind(n);
  new Uint8Array(copy.buffer).set(payload.subarray(offset, offset + kind.BYTES_PER_ELEMENT * n));
  return copy;
}

/**
 * A stream of refs or of figures: each block's stretch of it in turn. `at` is the place in the current stretch; the
 * reader's accessors read `current[at]` themselves and call next() at a stretch's end.
 */
class Stream<T extends Uint32Array | BigInt64Array> {
  current: T;
  at = 0;
  private block = 0;
  /** Elements in the stretches before the current one. */
  private before = 0;

  constructor(private readonly stretches: readonly T[], readonly total: number, empty: T) {
    this.current = stretches[0] ?? empty;
  }

  get left(): number {
    return this.total - this.before - this.at;
  }

  /** Moves to the next stretch that holds anything; false when there is none. */
  next(): boolean {
    while (this.block + 1 < this.stretches.length) {
      this.before += this.current.length;
      this.current = this.stretches[++this.block];
      this.at = 0;
      if (this.current.length > 0) return true;
    }
    return false;
  }

  /** Copies the next `n` elements into `into`, byte for byte, as far as it reaches (code units may end in half a ref). Callers check that `n` are left. */
  take(into: Uint8Array, n: number): void {
    const width = this.current.BYTES_PER_ELEMENT;
    for (let done = 0; done < n; ) {
      if (this.at === this.current.length) this.next();
      const k = Math.min(n - done, this.current.length - this.at);
      const bytes = new Uint8Array(this.current.buffer, this.current.byteOffset + width * this.at, Math.min(width * k, into.length - width * done));
      into.set(bytes, width * done);
      this.at += k;
      done += k;
    }
  }
}

/**
 * Reads a payload back in the order it was written, trusting none of it: an index out of the table, a count
 * beyond what is left, a stream not used up exactly, all make it unreadable. `where` names the collection and
 * item for the message (set by the decoder, so no path string is built per field).
 */
export class ColumnReader {
  private readonly strings: string[];
  private readonly refs: Stream<Uint32Array>;
  private readonly figures: Stream<BigInt64Array>;
  where = 'state';
  /** The item of `where` being read, if it is a collection. */
  item: number | null = null;

  constructor(payload: Buffer, sizes: ColumnSizes) {
    requireLittleEndian();
    const { blocks, strings, stringUnits, refs, figures } = sizes;
    for (const n of [blocks, strings, stringUnits, refs, figures]) if (!Number.isSafeInteger(n) || n < 0) throw new SnapshotFormatError('section sizes must be whole numbers');
    // The sections without the zero bytes between them: a payload shorter than that cannot hold what the header says.
    const least = BLOCK_HEAD_BYTES * blocks + 2 * stringUnits + 4 * strings + 4 * refs + 8 * figures;
    if (payload.length < least) throw new SnapshotFormatError(`the payload has ${payload.length} bytes, its header says at least ${least}`);
    this.strings = new Array<string>(strings);
    const refStretches: Uint32Array[] = [];
    const figureStretches: BigInt64Array[] = [];
    // Each block's strings put in their place in the whole table, its refs and figures taken where they lie; every
    // count checked against what is left, so a wrong one cannot read beyond the payload or write beyond the table.
    const read = { strings: 0, refs: 0, figures: 0 };
    let at = 0;
    for (let b = 0; b < blocks; b++) {
      if (at + BLOCK_HEAD_BYTES > payload.length) throw new SnapshotFormatError(`block ${b} is cut short`);
      const [n, units, nRefs, nFigures] = elementsAt(Uint32Array, payload, at, 4);
      const textAt = at + BLOCK_HEAD_BYTES;
      const lengthsAt = alignedTo8(textAt + 2 * units);
      const refsAt = alignedTo8(lengthsAt + 4 * n);
      const figuresAt = alignedTo8(refsAt + 4 * nRefs);
      const end = alignedTo8(figuresAt + 8 * nFigures);
      if (read.strings + n > strings || read.refs + nRefs > refs || read.figures + nFigures > figures || end > payload.length) {
        throw new SnapshotFormatError(`block ${b} holds more than the header says`);
      }
      const lengths = elementsAt(Uint32Array, payload, lengthsAt, n);
      // Each string decoded on its own: a slice of one decoded text would keep all of the text alive for as long as
      // any slice lives, the drawdown ids the book keeps outside the heap (drawdown-rows.ts) among it.
      // Buffer's own UTF-16 slice, which toString('utf16le') calls after checking its arguments: those checks cost about
      // a fifth of the table's decode, over millions of strings whose bounds are checked here.
      const text = payload as Buffer & { ucs2Slice(start: number, end: number): string };
      const textEnd = textAt + 2 * units;
      let s = textAt;
      for (let i = 0; i < n; i++) {
        const stringEnd = s + 2 * lengths[i];
        if (stringEnd > textEnd) throw new SnapshotFormatError('the string table overruns its text');
        this.strings[read.strings++] = text.ucs2Slice(s, stringEnd);
        s = stringEnd;
      }
      if (s !== textEnd) throw new SnapshotFormatError('the string table does not use up its text');
      refStretches.push(elementsAt(Uint32Array, payload, refsAt, nRefs));
      figureStretches.push(elementsAt(BigInt64Array, payload, figuresAt, nFigures));
      read.refs += nRefs;
      read.figures += nFigures;
      at = end;
    }
    if (read.strings !== strings || read.refs !== refs || read.figures !== figures || at !== payload.length) {
      throw new SnapshotFormatError('the blocks do not hold what the header says');
    }
    this.refs = new Stream(refStretches, refs, new Uint32Array(0));
    this.figures = new Stream(figureStretches, figures, new BigInt64Array(0));
  }

  fail(expected: string): never {
    throw new SnapshotFormatError(`${this.where}${this.item === null ? '' : `[${this.item}]`}: expected ${expected}`);
  }

  private nextRef(): number {
    const refs = this.refs;
    if (refs.at === refs.current.length && !refs.next()) this.fail('more data (the payload ends early)');
    return refs.current[refs.at++];
  }

  private nextFigure(): bigint {
    const figures = this.figures;
    if (figures.at === figures.current.length && !figures.next()) this.fail('more figures (the payload ends early)');
    return figures.current[figures.at++];
  }

  str(): string {
    const at = this.nextRef();
    return at < this.strings.length ? this.strings[at] : this.fail('a string');
  }

  nullableStr(): string | null {
    const refs = this.refs;
    if ((refs.at < refs.current.length || refs.next()) && refs.current[refs.at] === NULL_REF) {
      refs.at++;
      return null;
    }
    return this.str();
  }

  oneOf<T extends string>(allowed: readonly T[]): T {
    const value = this.str();
    return allowed.includes(value as T) ? (value as T) : this.fail(`one of ${allowed.join(', ')}, got ${JSON.stringify(value).slice(0, 80)}`);
  }

  /** A count of items each taking at least one ref: never more than the refs left, so a bad count cannot allocate wildly. */
  count(): number {
    const n = this.nextRef();
    return n <= this.refs.left ? n : this.fail(`a count of items, got ${n}`);
  }

  flag(): boolean {
    const n = this.nextRef();
    return n === 1 ? true : n === 0 ? false : this.fail(`a flag, got ${n}`);
  }

  fen(): bigint {
    const value = this.nextFigure();
    if (value !== FIGURE_AS_TEXT) return value;
    const text = this.str();
    return /^-?(0|[1-9]\d*)$/.test(text) ? BigInt(text) : this.fail('whole fen as a string of digits');
  }

  nullableFen(): bigint | null {
    return this.flag() ? this.fen() : null;
  }

  integer(): number {
    const value = this.nextFigure();
    return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : this.fail('an integer');
  }

  /** A column ColumnWriter.int32s wrote, in an array of its own. */
  int32s(): Int32Array {
    const n = this.count();
    const values = new Int32Array(n);
    this.refs.take(new Uint8Array(values.buffer), n);
    return values;
  }

  /** A column ColumnWriter.int64s wrote, in an array of its own. */
  int64s(): BigInt64Array {
    // Its length is a ref, its values figures: the length is checked against the figures left, not the refs.
    const n = this.nextRef();
    if (n > this.figures.left) this.fail(`${n} figures, more than the payload holds`);
    const values = new BigInt64Array(n);
    this.figures.take(new Uint8Array(values.buffer), n);
    return values;
  }

  /** Code units ColumnWriter.units wrote, in an array of their own. */
  units(): Uint16Array {
    const n = this.nextRef();
    const refs = (n + 1) >>> 1;
    if (refs > this.refs.left) this.fail(`${n} code units, more than the payload holds`);
    const values = new Uint16Array(n);
    // Two units to a ref: an odd count's last ref holds one, and a zero that is not taken.
    this.refs.take(new Uint8Array(values.buffer), refs);
    return values;
  }

  /** Every ref and figure read: a payload with anything left over is not one this decoder wrote. */
  end(): void {
    this.where = 'state';
    this.item = null;
    if (this.refs.left !== 0 || this.figures.left !== 0) this.fail('the end of the payload, found more data');
  }
}
