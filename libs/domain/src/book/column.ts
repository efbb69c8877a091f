/**
 * Rows per chunk of a column: small, since every book with a drawdown takes a chunk of each of its columns
 * (the read side builds such books for one subject's as-of reads), and a chunk more per 1,024 rows costs little.
 */
const CHUNK_BITS = 10;
const CHUNK_ROWS = 1 << CHUNK_BITS;
const ROW_MASK = CHUNK_ROWS - 1;

/**
 * One column of the book's rows (drawdown-rows.ts, text-column.ts) in fixed chunks outside the V8 heap: a row never
 * moves once written, so no write copies the ones before it.
 */
export class Column<A extends Int32Array | BigInt64Array> {
  private readonly chunks: A[] = [];

  constructor(private readonly chunk: (rows: number) => A) {}

  get(row: number): A[number] {
    return this.chunks[row >>> CHUNK_BITS][row & ROW_MASK];
  }

  set(row: number, value: A[number]): void {
    const c = row >>> CHUNK_BITS;
    while (this.chunks.length <= c) this.chunks.push(this.chunk(CHUNK_ROWS));
    this.chunks[c][row & ROW_MASK] = value;
  }

  /** The first `rows` rows in one array of their own. */
  copy(rows: number): A {
    const all = this.chunk(rows);
    for (let c = 0; c * CHUNK_ROWS < rows; c++) all.set(this.chunks[c].subarray(0, Math.min(CHUNK_ROWS, rows - c * CHUNK_ROWS)) as never, c * CHUNK_ROWS);
    return all;
  }

  /** This column holding `values` as its first rows (a new column's): one array for all of them, its chunks views of it. */
  load(values: A): this {
    const all = this.chunk(Math.ceil(values.length / CHUNK_ROWS) * CHUNK_ROWS);
    all.set(values as never);
    for (let at = 0; at < values.length; at += CHUNK_ROWS) this.chunks.push(all.subarray(at, at + CHUNK_ROWS) as A);
    return this;
  }
}

export const ints = () => new Column<Int32Array>((n) => new Int32Array(n));
export const amounts = () => new Column<BigInt64Array>((n) => new BigInt64Array(n));

/** `array`'s numbers at the start of a new array of `length` (a column of one array that doubles as it fills). */
export function grown(array: Int32Array, length: number): Int32Array {
  const larger = new Int32Array(length);
  larger.set(array);
  return larger;
}
