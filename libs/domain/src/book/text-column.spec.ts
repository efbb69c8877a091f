import { TextColumn } from './text-column';

const unitsOf = (text: string) => Uint16Array.from(text, (c) => c.charCodeAt(0));
const column = (...texts: string[]) => {
  const c = new TextColumn();
  for (const t of texts) c.add(t);
  return c;
};

describe('TextColumn', () => {
  it('reads each row back exactly as given: an empty text, non-Latin text, a lone surrogate', () => {
    const c = column('Huaxin Holdings', '', '华信控股有限公司', 'bad \ud800 half');
    expect([0, 1, 2, 3].map((row) => c.textOf(row))).toEqual(['Huaxin Holdings', '', '华信控股有限公司', 'bad \ud800 half']);
    expect(c.rows).toBe(4);
    expect(c.equals(2, '华信控股有限公司')).toBe(true);
    expect(c.equals(2, '华信控股')).toBe(false);
    expect(c.equals(0, 'Huaxin Holdingz')).toBe(false);
  });

  it('keeps texts that do not fit the end of a chunk, and texts longer than a chunk, each whole', () => {
    // A chunk holds 16,384 code units: two texts of 6,000 fit one (12,000), the third would straddle it and starts the
    // next; the 40,000-unit text has an array of its own (numbered as three chunks), and the short text after it the
    // chunk after those.
    const a = 'a'.repeat(6_000);
    const b = 'b'.repeat(6_000);
    const c3 = 'c'.repeat(6_000);
    const long = Array.from({ length: 40_000 }, (_, i) => String.fromCharCode(0x4e00 + (i % 500))).join('');
    const c = column(a, b, c3, long, 'after');
    expect([0, 1, 2, 3, 4].map((row) => c.textOf(row))).toEqual([a, b, c3, long, 'after']);
    expect(c.same(0, 1)).toBe(false);
    expect(column(a, a).same(0, 1)).toBe(true);
  });

  it('gives rows as one run of code units and each length, which another column takes back without a string', () => {
    const c = column('C-1 Co.', '', '华信', 'x'.repeat(20_000), 'end');
    const { lengths, units } = c.run(1, 4);
    // Rows 1 to 3: 0 + 2 + 20,000 = 20,002 code units.
    expect([...lengths]).toEqual([0, 2, 20_000]);
    expect(units.length).toBe(20_002);
    const back = new TextColumn().appended(c.run(0, 2).lengths, c.run(0, 2).units).appended(lengths, units);
    expect(back.rows).toBe(5);
    expect([0, 1, 2, 3, 4].map((row) => back.textOf(row))).toEqual(['C-1 Co.', '', '', '华信', 'x'.repeat(20_000)]);
  });

  it('takes back texts that end a chunk exactly, and those after them, from one run', () => {
    // 8,192 + 8,192 = 16,384 code units: the second text ends the first chunk exactly, so the third is the next
    // chunk's first, though next to it in the numbering of code units.
    const texts = ['a'.repeat(8_192), 'b'.repeat(8_192), 'third', '', 'fifth'];
    const { lengths, units } = column(...texts).run(0, texts.length);
    const back = new TextColumn().appended(lengths, units);
    expect(texts.map((_, row) => back.textOf(row))).toEqual(texts);
  });

  it('refuses runs whose lengths and code units do not fit together', () => {
    expect(() => new TextColumn().appended(Int32Array.of(2, 3), unitsOf('abcd'))).toThrow('text 1 of 3 code units, beyond the 4 given');
    expect(() => new TextColumn().appended(Int32Array.of(-1), unitsOf('a'))).toThrow('text 0 of -1 code units');
    expect(() => new TextColumn().appended(Int32Array.of(1, 1), unitsOf('abc'))).toThrow('texts of 2 code units in all, given 3');
  });

  it('goes back to its first rows and writes on from there, over a long text too', () => {
    const long = 'L'.repeat(30_000);
    const c = column('one', long, 'three');
    c.truncate(1);
    c.add('two again');
    expect([c.textOf(0), c.textOf(1)]).toEqual(['one', 'two again']);
    expect(c.rows).toBe(2);
    // Back to just after the long text: the next text goes after the chunks it is numbered as.
    const d = column('one', long, 'three');
    d.truncate(2);
    d.add('four');
    expect([d.textOf(0), d.textOf(1), d.textOf(2)]).toEqual(['one', long, 'four']);
    d.truncate(0);
    d.add('fresh');
    expect(d.textOf(0)).toBe('fresh');
  });
});
