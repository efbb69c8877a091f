import fc from 'fast-check';
import { RowMap } from './row-map';

function readable(map: RowMap<number>): boolean {
  try {
    return map.size >= 0;
  } catch {
    return false;
  }
}

describe('RowMap', () => {
  it('reads back what was set, removed and set again, with its size', () => {
    const map = RowMap.empty<string>().set('C1', 'G1').set('C2', 'G1').set('C1', 'G2').remove('C2').set('C3', 'G3');
    expect(map.get('C1')).toBe('G2');
    expect(map.has('C2')).toBe(false);
    expect(map.get('C2')).toBeUndefined();
    expect(map.size).toBe(2);
    // In the order each key was first written: C2 was, and is gone.
    expect([...map]).toEqual([
      ['C1', 'G2'],
      ['C3', 'G3'],
    ]);
    expect(map.remove('C9')).toBe(map);
    expect(RowMap.empty().size).toBe(0);
  });

  it('keeps every earlier state as it was while later ones write on', () => {
    const one = RowMap.empty<number>().set('L1', 100);
    const two = one.set('L1', 250).set('L2', 7);
    const three = two.remove('L1');
    expect(one.get('L1')).toBe(100);
    expect(one.has('L2')).toBe(false);
    expect(one.size).toBe(1);
    expect(two.get('L1')).toBe(250);
    expect(two.size).toBe(2);
    expect(three.has('L1')).toBe(false);
    expect(three.size).toBe(1);
    expect([...one.keys()]).toEqual(['L1']);
  });

  it('going on from an earlier state drops what was written after it, and a state that saw it says so', () => {
    const before = RowMap.empty<string>().set('C1', 'G1');
    const refused = before.set('C1', 'G2').set('C2', 'G2');
    // The batch that moved C1 failed: the writer goes on from `before`.
    const next = before.set('C3', 'G3');
    expect(next.get('C1')).toBe('G1');
    expect(next.has('C2')).toBe(false);
    expect([...next.keys()]).toEqual(['C1', 'C3']);
    expect(before.get('C1')).toBe('G1');
    expect(() => refused.get('C1')).toThrow('this book state was left behind');
  });

  it('takes any id as data, even the name of a property every object has', () => {
    const map = RowMap.empty<number>().set('__proto__', 1).set('constructor', 2);
    expect(map.get('__proto__')).toBe(1);
    expect(map.get('constructor')).toBe(2);
    expect(map.has('toString')).toBe(false);
  });

  it('starts a new log of the live entries once superseded rows outnumber them, and earlier states still read theirs', () => {
    // Two keys written 1,500 times each: 3,000 rows for 2 live entries passes 2 x 2 + 1,024, so the log is copied.
    let map = RowMap.empty<number>();
    const states: RowMap<number>[] = [];
    for (let i = 1; i <= 1500; i++) {
      map = map.set('L1', i).set('L2', -i);
      states.push(map);
    }
    expect(map.get('L1')).toBe(1500);
    expect(map.get('L2')).toBe(-1500);
    expect(map.size).toBe(2);
    expect(states[99].get('L1')).toBe(100);
    expect(states[1200].get('L2')).toBe(-1201);
    // Going on from a state on the old log, after the copy, leaves the newest readable.
    const fork = states[10].set('L3', 0);
    expect(fork.get('L1')).toBe(11);
    expect(map.get('L1')).toBe(1500);
  });

  it('takes keys and rows past the room it was made with, empty or built, and a fork after that still drops what followed it', () => {
    // An empty map starts with room for 64 keys and 16 rows, a built one with its count of both: 1,000 keys written
    // twice go past either several times.
    let map = RowMap.empty<number>();
    for (let i = 0; i < 1_000; i++) map = map.set(`K${i}`, i);
    const once = map;
    for (let i = 0; i < 1_000; i++) map = map.set(`K${i}`, -i - 1);
    expect(map.size).toBe(1_000);
    for (const i of [0, 15, 16, 63, 64, 999]) {
      expect(once.get(`K${i}`)).toBe(i);
      expect(map.get(`K${i}`)).toBe(-i - 1);
    }
    let built = RowMap.built<number>(3, (set, i) => set(`B${i}`, i));
    const three = built;
    for (let i = 3; i < 500; i++) built = built.set(`B${i}`, i);
    expect(built.size).toBe(500);
    expect(built.get('B499')).toBe(499);
    expect(three.size).toBe(3);
    // Going on from `once` drops the second 1,000 rows: the map that read them is left behind.
    const fork = once.set('K0', 7);
    expect(fork.get('K0')).toBe(7);
    expect(fork.get('K999')).toBe(999);
    expect(() => map.get('K1')).toThrow('this book state was left behind');
  });

  it('refuses undefined as a value: has() could not tell it from no entry', () => {
    expect(() => RowMap.empty<number | undefined>().set('L1', undefined)).toThrow(TypeError);
  });

  it('of() keeps a key given twice once, with its last value', () => {
    const map = RowMap.of([
      ['G1', 'A'],
      ['G2', 'B'],
      ['G1', 'C'],
    ]);
    expect(map.size).toBe(2);
    expect(map.get('G1')).toBe('C');
  });

  /**
   * Against a plain Map per state: random writes and removals, each from the newest state or from a recent earlier
   * one (as the writer does after a refused batch), on a few keys so that the log is copied now and then. Every state
   * not left behind must read what its model holds; one left behind must throw rather than answer.
   */
  it('every state that is not left behind reads what a map of its own would hold', () => {
    const op = fc.record({
      back: fc.nat({ max: 3 }),
      key: fc.constantFrom('C1', 'C2', 'C3', '__proto__'),
      value: fc.option(fc.integer(), { nil: undefined }),
    });
    fc.assert(
      fc.property(fc.array(op, { maxLength: 3000 }), (ops) => {
        const states: { map: RowMap<number>; model: Map<string, number> }[] = [{ map: RowMap.empty(), model: new Map() }];
        for (const { back, key, value } of ops) {
          // From a recent state that is still readable (one left behind can no longer be written from either).
          let from = states[Math.max(0, states.length - 1 - back)];
          if (!readable(from.map)) from = states[states.length - 1];
          const model = new Map(from.model);
          if (value === undefined) model.delete(key);
          else model.set(key, value);
          states.push({ map: value === undefined ? from.map.remove(key) : from.map.set(key, value), model });
        }
        const newest = states[states.length - 1];
        expect(new Map(newest.map)).toEqual(newest.model);
        expect(newest.map.size).toBe(newest.model.size);
        for (const { map, model } of states) {
          let read: Map<string, number>;
          try {
            read = new Map(map);
          } catch (e) {
            expect(String(e)).toContain('left behind');
            continue;
          }
          expect(read).toEqual(model);
          expect(map.size).toBe(model.size);
          // The other walks give the same entries in the same order as the iterator.
          const visited: [string, number][] = [];
          map.forEach((value, key) => visited.push([key, value]));
          expect(visited).toEqual([...read]);
          expect([...map.keys()]).toEqual([...read.keys()]);
          expect([...map.values()]).toEqual([...read.values()]);
          for (const key of ['C1', 'C2', 'C3', '__proto__', 'C9']) expect(map.get(key)).toBe(model.get(key));
        }
      }),
      { numRuns: 60 },
    );
  });
});
