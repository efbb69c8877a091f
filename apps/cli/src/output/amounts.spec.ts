import { yuan } from './amounts';
import { table } from './table';

describe('figures for people', () => {
  it('groups thousands and keeps the fen exact', () => {
    expect(yuan(123456789n)).toBe('1,234,567.89');
    expect(yuan(7_500_000_000_00n)).toBe('7,500,000,000.00');
    expect(yuan(5n)).toBe('0.05');
    expect(yuan(-100_000_00n)).toBe('-100,000.00');
    // More than 2^53 fen: a float would have lost the last digits.
    expect(yuan(9_007_199_254_740_993n)).toBe('90,071,992,547,409.93');
  });

  it('aligns columns, counting a Chinese character as two columns wide', () => {
    expect(table(['who', 'amount'], [['华东集团', '1.00'], ['ab', '1,000.00']], new Set([1]))).toEqual([
      // Widths 8 (华东集团 counts 8) and 8 (1,000.00), two spaces between; amounts on the right.
      'who         amount',
      '华东集团      1.00',
      'ab        1,000.00',
    ]);
  });
});
