import { endianness } from 'node:os';
import { Steps, runToEnd } from './in-slices';

/**
 * The binary layout of a snapshot's payload: a table of distinct strings and two streams of numbers, written
 * and read field by field in the same order by book-state.codec.ts. Reading a million-customer book this way
 * makes each distinct string once (an id is shared by every map that names it) and parses no text, where a
 * JSON payload cost seconds of JSON.parse and of garbage collection before the first map was built.
 *
 *   payload = strings (UTF-16LE: lossless for any JS string, lone surrogates included)
 *           | string lengths (uint32 each) | refs (uint32 each) | figures (int64 each)
 *
 * Typed arrays are in the machine's byte order, so both ends insist on little-endian (x86, ARM as run).
 */
export class SnapshotFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SnapshotFormatError';
  }
}

/** The sizes of the payload's sections, written in the header. */
export interface ColumnSizes {
  strings: number;
  stringUnits: number;
  refs: number;
  figures: number;
}

const NULL_REF = 0xffff_ffff;
/** An int64 slot holding this says the figure did not fit and is the decimal string at the next ref. */
const FIGURE_AS_TEXT = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

function requireLittleEndian(): void {
  if (endianness() !== 'LE') throw new SnapshotFormatError('snapshots are written and read on little-endian machines only');
}

/**
 * A column of numbers written straight into typed arrays of CHUNK items each: a whole book holds tens of millions
 * of refs and millions of figures. As JS arrays they would be that much more heap for the collector to walk while
 * the writer's thread saves; as one array doubled when full, each doubling a burst of memory from outside the heap,
 * which makes V8 collect the whole heap at once (a second's pause at a bank's scale, measured).
 */
class ChunkedColumn<T extends Uint32Array | BigInt64Array> {
  private static readonly CHUNK = 1 << 18;
  private readonly chunks: T[] = [];
  private last: T;
  private used: number;

  constructor(private readonly make: (n: number) => T) {
    this.last = make(ChunkedColumn.CHUNK);
    this.chunks.push(this.last);
    this.used = 0;
  }

  push(value: T[number]): void {
    if (this.used === ChunkedColumn.CHUNK) {
      this.last = this.make(ChunkedColumn.CHUNK);
      this.chunks.push(this.last);
      this.used = 0;
    }
    this.last[this.used++] = value;
  }

  get length(): number {
    return (this.chunks.length - 1) * ChunkedColumn.CHUNK + this.used;
  }

  /** The column's bytes, chunk by chunk, the last one cut where it ends. */
  parts(): Buffer[] {
    return this.chunks.map((chunk) => Buffer.from(chunk.buffer, chunk.byteOffset, (chunk === this.last ? this.used : chunk.length) * chunk.BYTES_PER_ELEMENT));
  }
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

export class ColumnWriter {
  private readonly index = Array.from({ length: INDEX_SHARDS }, () => new Map<string, number>());
  private readonly strings: string[] = [];
  private readonly refs = new ChunkedColumn((n) => new Uint32Array(n));
  private readonly figures = new ChunkedColumn((n) => new BigInt64Array(n));

  str(value: string): void {
    const shard = this.index[shardOf(value)];
    let at = shard.get(value);
    if (at === undefined) {
      at = this.strings.length;
      this.strings.push(value);
      shard.set(value, at);
    }
    this.refs.push(at);
  }

  nullableStr(value: string | null): void {
    if (value === null) this.refs.push(NULL_REF);
    else this.str(value);
  }

  /** A count of items to follow, or any small whole number. */
  count(n: number): void {
    if (!Number.isInteger(n) || n < 0 || n >= NULL_REF) throw new SnapshotFormatError(`cannot write ${n} as a count`);
    this.refs.push(n);
  }

  flag(value: boolean): void {
    this.refs.push(value ? 1 : 0);
  }

  /** Money in fen: any bigint; those beyond int64 (never seen in a bank's book, still not refused) go as text. */
  fen(value: bigint): void {
    if (value > FIGURE_AS_TEXT && value <= INT64_MAX) {
      this.figures.push(value);
    } else {
      this.figures.push(FIGURE_AS_TEXT);
      this.str(value.toString());
    }
  }

  nullableFen(value: bigint | null): void {
    this.flag(value !== null);
    if (value !== null) this.fen(value);
  }

  integer(value: number): void {
    if (!Number.isSafeInteger(value)) throw new SnapshotFormatError(`cannot write ${value} as an integer`);
    this.figures.push(BigInt(value));
  }

  /** The payload in one buffer (tests, tools): finishInSteps run to its end. */
  finish(): { sizes: ColumnSizes; payload: Buffer } {
    const { sizes, parts } = runToEnd(this.finishInSteps());
    return { sizes, payload: Buffer.concat(parts.map(payloadBytes)) };
  }

  /**
   * The payload as consecutive parts, made in steps (yield) of at most FINISHED_PER_STEP strings (a whole book holds
   * millions). The string table's text stays JS strings until it is hashed and written, a part at a time
   * (PayloadPart), rather than all of it at once in memory outside the heap.
   */
  *finishInSteps(): Steps<{ sizes: ColumnSizes; parts: PayloadPart[] }> {
    requireLittleEndian();
    const { strings, refs, figures } = this;
    const parts: PayloadPart[] = [];
    const lengths = new Uint32Array(strings.length);
    let stringUnits = 0;
    for (let from = 0; from < strings.length; from += FINISHED_PER_STEP) {
      const to = Math.min(strings.length, from + FINISHED_PER_STEP);
      for (let i = from; i < to; i++) lengths[i] = strings[i].length;
      const text = strings.slice(from, to).join('');
      stringUnits += text.length;
      parts.push(text);
      yield;
    }
    parts.push(Buffer.from(lengths.buffer, lengths.byteOffset, lengths.byteLength), ...refs.parts(), ...figures.parts());
    return { sizes: { strings: strings.length, stringUnits, refs: refs.length, figures: figures.length }, parts };
  }
}

/** A part of a payload: bytes, or text that is its UTF-16LE bytes. */
export type PayloadPart = Buffer | string;

/** A part's bytes. */
export function payloadBytes(part: PayloadPart): Buffer {
  return typeof part === 'string' ? Buffer.from(part, 'utf16le') : part;
}

/** Strings moved into the payload between two pauses of ColumnWriter.finishInSteps. */
const FINISHED_PER_STEP = 25_000;

/** Copies `length` elements at `offset` of `bytes` into a fresh (aligned) typed array. */
function copied<T extends Uint32Array | BigInt64Array>(make: (n: number) => T, bytes: Buffer, offset: number, length: number): T {
  const array = make(length);
  new Uint8Array(array.buffer).set(bytes.subarray(offset, offset + array.byteLength));
  return array;
}

/**
 * Reads a payload back in the order it was written, trusting none of it: an index out of the table, a count
 * beyond what is left, a stream not used up exactly, all make it unreadable. `where` names the collection and
 * item for the message (set by the decoder, so no path string is built per field).
 */
export class ColumnReader {
  private readonly strings: string[];
  private readonly refs: Uint32Array;
  private readonly figures: BigInt64Array;
  private ref = 0;
  private figure = 0;
  where = 'state';
  /** The item of `where` being read, if it is a collection. */
  item: number | null = null;

  constructor(payload: Buffer, sizes: ColumnSizes) {
    requireLittleEndian();
    const { strings, stringUnits, refs, figures } = sizes;
    for (const n of [strings, stringUnits, refs, figures]) if (!Number.isSafeInteger(n) || n < 0) throw new SnapshotFormatError('section sizes must be whole numbers');
    const textBytes = 2 * stringUnits;
    const expected = textBytes + 4 * strings + 4 * refs + 8 * figures;
    if (payload.length !== expected) throw new SnapshotFormatError(`the payload has ${payload.length} bytes, its header says ${expected}`);
    const lengths = copied((n) => new Uint32Array(n), payload, textBytes, strings);
    this.strings = new Array<string>(strings);
    // Each string decoded on its own: a slice of one decoded text would keep all of the text alive for as long as
    // any slice lives, the drawdown ids the book keeps outside the heap (drawdown-rows.ts) among it.
    let at = 0;
    for (let i = 0; i < strings; i++) {
      const end = at + 2 * lengths[i];
      if (end > textBytes) throw new SnapshotFormatError('the string table overruns its text');
      this.strings[i] = payload.toString('utf16le', at, end);
      at = end;
    }
    if (at !== textBytes) throw new SnapshotFormatError('the string table does not use up its text');
    this.refs = copied((n) => new Uint32Array(n), payload, textBytes + 4 * strings, refs);
    this.figures = copied((n) => new BigInt64Array(n), payload, textBytes + 4 * strings + 4 * refs, figures);
  }

  fail(expected: string): never {
    throw new SnapshotFormatError(`${this.where}${this.item === null ? '' : `[${this.item}]`}: expected ${expected}`);
  }

  private nextRef(): number {
    if (this.ref >= this.refs.length) this.fail('more data (the payload ends early)');
    return this.refs[this.ref++];
  }

  str(): string {
    const at = this.nextRef();
    return at < this.strings.length ? this.strings[at] : this.fail('a string');
  }

  nullableStr(): string | null {
    if (this.ref < this.refs.length && this.refs[this.ref] === NULL_REF) {
      this.ref++;
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
    return n <= this.refs.length - this.ref ? n : this.fail(`a count of items, got ${n}`);
  }

  flag(): boolean {
    const n = this.nextRef();
    return n === 1 ? true : n === 0 ? false : this.fail(`a flag, got ${n}`);
  }

  fen(): bigint {
    if (this.figure >= this.figures.length) this.fail('more figures (the payload ends early)');
    const value = this.figures[this.figure++];
    if (value !== FIGURE_AS_TEXT) return value;
    const text = this.str();
    return /^-?(0|[1-9]\d*)$/.test(text) ? BigInt(text) : this.fail('whole fen as a string of digits');
  }

  nullableFen(): bigint | null {
    return this.flag() ? this.fen() : null;
  }

  integer(): number {
    if (this.figure >= this.figures.length) this.fail('more figures (the payload ends early)');
    const value = this.figures[this.figure++];
    return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : this.fail('an integer');
  }

  /** Every ref and figure read: a payload with anything left over is not one this decoder wrote. */
  end(): void {
    this.where = 'state';
    this.item = null;
    if (this.ref !== this.refs.length || this.figure !== this.figures.length) this.fail('the end of the payload, found more data');
  }
}
