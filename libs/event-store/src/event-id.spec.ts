import { eventIdGenerator, newEventId } from './event-id';

/** A clock that returns the given instants in turn, then stays on the last. */
function clockOf(...instants: number[]): () => number {
  let i = 0;
  return () => instants[Math.min(i++, instants.length - 1)];
}
const allBytes = (byte: number) => (buffer: Buffer) => {
  buffer.fill(byte);
};

describe('eventIdGenerator', () => {
  it('lays out a version-7 UUID: milliseconds, version, counter, variant, random tail', () => {
    // Given 0x0123_4567_89ab ms and random bytes all 0xff: the counter starts at 0xffff & 0x7ff = 0x7ff, so the
    // third group is 0x7000 | 0x7ff = "77ff"; the fourth is 0x80 | (0xff & 0x3f) = 0xbf, then 0xff: "bfff".
    const next = eventIdGenerator(clockOf(0x0123_4567_89ab), allBytes(0xff));
    expect(next()).toBe('01234567-89ab-77ff-bfff-ffffffffffff');
    // Then, in the same millisecond, the counter counts on: 0x7ff + 1 = 0x800, third group 0x7000 | 0x800 = "7800".
    expect(next()).toBe('01234567-89ab-7800-bfff-ffffffffffff');
  });

  it('starts each new millisecond from the random counter start', () => {
    // Random bytes all 0x00: counter start 0; variant 0x80 | 0 = "8000"; ms 1 = 0x000000000001, ms 2 = ...002.
    const next = eventIdGenerator(clockOf(1, 1, 2), allBytes(0x00));
    expect([next(), next(), next()]).toEqual([
      '00000000-0001-7000-8000-000000000000',
      '00000000-0001-7001-8000-000000000000',
      '00000000-0002-7000-8000-000000000000',
    ]);
  });

  it('borrows the next millisecond when the counter passes 0xfff, and keeps counting when the clock steps back', () => {
    // Counter start 0x7ff (bytes 0xff); 0xfff - 0x7ff = 0x800 = 2,048 more ids fit in ms 10, so id 2,050 is the
    // first of ms 11 with counter 0. The clock then steps back to 5: ms stays 11, counter 1.
    const instants = [...Array.from({ length: 2_050 }, () => 10), 5];
    const next = eventIdGenerator(clockOf(...instants), allBytes(0xff));
    const ids = Array.from({ length: 2_051 }, () => next());
    expect(ids[2_048]).toBe('00000000-000a-7fff-bfff-ffffffffffff');
    expect(ids[2_049]).toBe('00000000-000b-7000-bfff-ffffffffffff');
    expect(ids[2_050]).toBe('00000000-000b-7001-bfff-ffffffffffff');
    expect([...ids].sort()).toEqual(ids);
  });

  it('writes milliseconds past 2^32 (the Unix clock now) in full', () => {
    // 2^32 + 0x0102 = 4,294,967,554 ms: as 48 bits 0x0001_0000_0102, so the first two groups are "00010000-0102".
    const next = eventIdGenerator(clockOf(2 ** 32 + 0x0102), allBytes(0x00));
    expect(next().slice(0, 13)).toBe('00010000-0102');
  });

  it('gives the process generator ids unique and in order, whatever the rate', () => {
    const ids = Array.from({ length: 10_000 }, () => newEventId());
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    const v7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    expect(ids.filter((id) => !v7.test(id))).toEqual([]);
  });
});
