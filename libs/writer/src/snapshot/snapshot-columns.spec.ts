import { ColumnReader, ColumnWriter, SnapshotFormatError } from './snapshot-columns';

describe('snapshot columns written whole', () => {
  it('reads back int32 and int64 columns and code units across blocks, each column after what came before it', () => {
    // Blocks of 4 items: every column below spans several blocks, and the figures outnumber the refs at the end.
    const w = new ColumnWriter({ blockItems: 4 });
    w.str('before');
    w.int32s(Int32Array.of(1, -1, 2 ** 31 - 1, -(2 ** 31), 0, 7));
    w.units(Uint16Array.from('odd', (c) => c.charCodeAt(0)));
    w.units(Uint16Array.of(0xd800, 0x41));
    w.int64s(BigInt64Array.of(-(2n ** 63n), 2n ** 63n - 1n, 0n, 5n, -5n, 10n, 11n, 12n, 13n));
    w.int32s(new Int32Array(0));
    w.fen(42n);
    const { sizes, payload } = w.finish();
    const r = new ColumnReader(payload, sizes);
    expect(r.str()).toBe('before');
    expect([...r.int32s()]).toEqual([1, -1, 2 ** 31 - 1, -(2 ** 31), 0, 7]);
    expect(String.fromCharCode(...r.units())).toBe('odd');
    // A lone surrogate is a code unit like any other.
    expect([...r.units()]).toEqual([0xd800, 0x41]);
    // -(2^63) is a value here, never the mark of a figure written as text.
    expect([...r.int64s()]).toEqual([-(2n ** 63n), 2n ** 63n - 1n, 0n, 5n, -5n, 10n, 11n, 12n, 13n]);
    expect(r.int32s()).toHaveLength(0);
    expect(r.fen()).toBe(42n);
    expect(() => r.end()).not.toThrow();
  });

  it('refuses a column longer than what is left of the payload', () => {
    /** A reader of these refs (counts) and figures. */
    const payloadOf = (refs: number[], figures: bigint[]) => {
      const w = new ColumnWriter();
      for (const n of refs) w.count(n);
      for (const f of figures) w.fen(f);
      const { sizes, payload } = w.finish();
      return new ColumnReader(payload, sizes);
    };
    // Three int32s named, two refs after the length.
    expect(() => payloadOf([3, 0, 0], []).int32s()).toThrow(new SnapshotFormatError('state: expected a count of items, got 3'));
    // Five code units take three refs; two are left.
    expect(() => payloadOf([5, 0, 0], []).units()).toThrow('state: expected 5 code units, more than the payload holds');
    // Three figures named, two written: its length is checked against the figures, not the refs.
    expect(() => payloadOf([3, 0, 0, 0], [1n, 2n]).int64s()).toThrow('state: expected 3 figures, more than the payload holds');
    expect([...payloadOf([2], [1n, 2n]).int64s()]).toEqual([1n, 2n]);
  });
});

describe('snapshot columns where they lie', () => {
  it('starts every section at a multiple of 8 bytes, and reads the same from a payload copied to an odd place in memory', () => {
    // One string of 3 code units (6 bytes of text), 3 refs (12 bytes), 1 figure: each section but the figures needs a gap.
    const w = new ColumnWriter();
    w.str('abc');
    w.count(1);
    w.flag(true);
    w.fen(-5n);
    const { sizes, payload } = w.finish();
    // counts 16 | text 6 + 2 | lengths 4 + 4 | refs 12 + 4 | figures 8 = 56 bytes.
    expect(payload.length).toBe(56);
    const readBack = (bytes: Buffer) => {
      const r = new ColumnReader(bytes, sizes);
      const values = [r.str(), r.count(), r.flag(), r.fen()];
      r.end();
      return values;
    };
    expect(readBack(payload)).toEqual(['abc', 1, true, -5n]);
    // At an odd byte offset no typed array can view the refs or figures where they lie: they are copied instead.
    const odd = Buffer.alloc(payload.length + 1);
    payload.copy(odd, 1);
    expect(readBack(odd.subarray(1))).toEqual(['abc', 1, true, -5n]);
  });
});
