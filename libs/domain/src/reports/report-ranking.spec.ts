import { isReported, rankByComprehensiveLimit, rankOrder } from './report-ranking';

describe('the large-credit report ranking (domain.md section 5)', () => {
  it('ranks by comprehensive limit, largest first, ties by the smaller id', () => {
    // 80,000,000.00 first; the two 50,000,000.00 subjects by id: C-M before G000002.
    const ranked = rankByComprehensiveLimit([
      { item: 'b', limit: 5_000_000_000n, id: 'G000002' },
      { item: 'a', limit: 8_000_000_000n, id: 'G000001' },
      { item: 'c', limit: 5_000_000_000n, id: 'C-M' },
    ]);
    expect(ranked).toEqual([
      { item: 'a', rank: 1 },
      { item: 'c', rank: 2 },
      { item: 'b', rank: 3 },
    ]);
  });

  it('orders indexes the same way: equal limits by id, whatever the input order', () => {
    // Index 0 G000002 and index 2 C-M tie at 50,000,000.00; index 1 (80,000,000.00) leads, then C-M < G000002.
    expect(rankOrder([5_000_000_000n, 8_000_000_000n, 5_000_000_000n], ['G000002', 'G000001', 'C-M'])).toEqual([1, 2, 0]);
    expect(rankOrder([], [])).toEqual([]);
  });

  it('keeps a subject with a limit or with credit outstanding, and drops a real exit', () => {
    expect(isReported({ comprehensiveLimit: 1n, outstanding: 0n })).toBe(true);
    expect(isReported({ comprehensiveLimit: 0n, outstanding: 1n })).toBe(true);
    expect(isReported({ comprehensiveLimit: 0n, outstanding: 0n })).toBe(false);
  });
});
