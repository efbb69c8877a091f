import { dayBefore, internedDate } from './business-date';

describe('internedDate', () => {
  it('gives back the date it is given, for more distinct dates than the table holds', () => {
    // The 60,000 days before 2100-01-01 (past the table's 50,000): each comes back as itself, the first time and again.
    let date = '2100-01-01';
    for (let i = 0; i < 60_000; i++) {
      date = dayBefore(date);
      expect(internedDate(date)).toBe(date);
    }
    expect(internedDate(date.slice(0))).toBe(date);
  });
});
