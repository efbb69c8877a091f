import { isQuarterEnd, previousQuarterEnd } from './quarter';

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

describe('isQuarterEnd', () => {
  it.each([
    ['2025-03-31', true],
    ['2025-06-30', true],
    ['2025-09-30', true],
    ['2025-12-31', true],
    ['2025-06-31', false],
    ['2025-03-30', false],
    ['2025-12-30', false],
    ['2026-01-01', false],
  ])('%s is a quarter end: %s', (date, expected) => {
    expect(isQuarterEnd(date)).toBe(expected);
  });
});
