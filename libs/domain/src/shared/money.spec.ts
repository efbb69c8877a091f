import { parseMoney, sharedFen } from './money';

describe('sharedFen', () => {
  it('gives the figure it is given, whether or not a candidate equals it', () => {
    // 1,000.00 yuan = 100,000 fen; candidates 0 and 100,000 fen (one equal), or 0 and 99,999 fen (none).
    expect(sharedFen(parseMoney('1000.00'), 0n, 100_000n)).toBe(100_000n);
    expect(sharedFen(parseMoney('1000.00'), 0n, 99_999n)).toBe(100_000n);
    expect(sharedFen(parseMoney('0.00'), 0n)).toBe(0n);
    expect(sharedFen(-5n)).toBe(-5n);
  });
});
