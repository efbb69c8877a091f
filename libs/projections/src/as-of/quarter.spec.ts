import { previousQuarterEnd } from './quarter';

describe('previousQuarterEnd', () => {
  it.each([
    ['2025-05-10', '2025-03-31'],
    ['2025-04-01', '2025-03-31'],
    ['2025-06-30', '2025-03-31'],
    ['2025-07-01', '2025-06-30'],
    ['2025-09-30', '2025-06-30'],
    ['2025-12-31', '2025-09-30'],
    ['2025-03-31', '2024-12-31'],
    ['2025-01-01', '2024-12-31'],
  ])('the quarter before the one %s falls in ends on %s', (date, expected) => {
    expect(previousQuarterEnd(date)).toBe(expected);
  });
});
