import fc from 'fast-check';
import { scanJsonShape } from './json-shape';

/** Nesting depth as the scanner counts it: a scalar is 0, `{}` and `[]` are 1. */
function depthOf(value: unknown): number {
  if (Array.isArray(value)) return 1 + Math.max(0, ...value.map(depthOf));
  if (value !== null && typeof value === 'object') return 1 + Math.max(0, ...Object.values(value).map(depthOf));
  return 0;
}

describe('JSON shape scan', () => {
  it('finds nothing in a command body', () => {
    expect(scanJsonShape('{"limitId":"L-1","amount":"1.00","tags":["a","b"],"x":{"y":[1,{"z":null}]}}', 64)).toBeUndefined();
  });

  // The path is where the value opening the level past the bound sits: a.b[1].c holds the 5th level.
  it('refuses the 65th level and says where it is', () => {
    const at64 = '['.repeat(64) + ']'.repeat(64);
    expect(scanJsonShape(at64, 64)).toBeUndefined();
    expect(scanJsonShape('['.repeat(65) + ']'.repeat(65), 64)).toEqual({ kind: 'too-deep', maxDepth: 64, path: `${'[0]'.repeat(64)}` });
    expect(scanJsonShape('{"a":{"b":[1,{"c":[[[]]]}]}}', 4)).toEqual({ kind: 'too-deep', maxDepth: 4, path: 'a.b[1].c' });
  });

  it('scans 3,000 levels (and a million) without recursion', () => {
    expect(scanJsonShape('{"a":'.repeat(3000) + '1' + '}'.repeat(3000), 64)?.kind).toBe('too-deep');
    expect(scanJsonShape('['.repeat(1_000_000), 64)?.kind).toBe('too-deep');
  });

  it('finds a key repeated in one object, with its path', () => {
    expect(scanJsonShape('{"amount":"1.00","amount":"9000000.00"}', 64)).toEqual({ kind: 'duplicate-key', key: 'amount', path: 'amount' });
    expect(scanJsonShape('{"a":[{"b":1},{"b":2,"c":{"d":1,"d":2}}]}', 64)).toEqual({ kind: 'duplicate-key', key: 'd', path: 'a[1].c.d' });
  });

  it('compares keys as JSON.parse decodes them', () => {
    expect(scanJsonShape('{"amount":"1","\\u0061mount":"2"}', 64)).toEqual({ kind: 'duplicate-key', key: 'amount', path: 'amount' });
    expect(scanJsonShape('{"__proto__":{},"__proto__":{}}', 64)).toMatchObject({ kind: 'duplicate-key', key: '__proto__' });
  });

  it('lets the same key live in different objects, and ignores braces, commas and quotes inside strings', () => {
    expect(scanJsonShape('{"a":{"k":1},"b":{"k":1},"c":[{"k":1},{"k":2}]}', 64)).toBeUndefined();
    expect(scanJsonShape('{"a":"{\\"a\\":1,\\"a\\":2}","b":"[[[[[","c":"}]"}', 2)).toBeUndefined();
  });

  it('leaves text that is not JSON to the parser', () => {
    for (const text of ['{bad json', '{"a', '{"a\\', '', 'null', '"{{{"']) expect(scanJsonShape(text, 64)).toBeUndefined();
  });

  it('agrees with JSON.parse on any JSON value: no duplicates, and too deep exactly when deeper than the bound', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), fc.integer({ min: 1, max: 6 }), (value, max) => {
        const finding = scanJsonShape(JSON.stringify(value), max);
        expect(finding?.kind).toBe(depthOf(value) > max ? 'too-deep' : undefined);
      }),
      { numRuns: 500 },
    );
  });

  it('finds a duplicate spliced into any object of any JSON value', () => {
    const objectWithKeys = fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 3 }), { minKeys: 1, maxKeys: 5 });
    fc.assert(
      fc.property(objectWithKeys, fc.jsonValue({ maxDepth: 2 }), (object, extra) => {
        const [key] = Object.keys(object);
        const text = JSON.stringify({ wrapper: [object] });
        // Repeat the first key at the end of the inner object: `...}]}` -> `...,"key":extra}]}`.
        const spliced = `${text.slice(0, -3)},${JSON.stringify(key)}:${JSON.stringify(extra)}}]}`;
        expect(scanJsonShape(spliced, 64)).toMatchObject({ kind: 'duplicate-key', key });
      }),
      { numRuns: 300 },
    );
  });
});
