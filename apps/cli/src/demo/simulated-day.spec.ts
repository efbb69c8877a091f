import { addWorkingDays, oneYearFrom, workingDays } from './business-calendar';
import { SimulatedDay } from './simulated-day';

describe('the demo calendar', () => {
  it('skips weekends', () => {
    // 2025-10-17 is a Friday.
    expect(addWorkingDays('2025-10-17', 1)).toBe('2025-10-20');
    expect(addWorkingDays('2025-10-18', 0)).toBe('2025-10-20');
    expect(workingDays('2025-10-17', '2025-10-21')).toEqual(['2025-10-17', '2025-10-20', '2025-10-21']);
    expect(oneYearFrom('2025-02-05')).toBe('2026-02-04');
  });

  it('runs "today" and the recorded time with the simulated day, and draws the same ids from the same seed', () => {
    const day = new SimulatedDay(2025, '2025-01-02');
    day.set('2025-03-10');
    expect(day.today()).toBe('2025-03-10');
    expect([day.clock().toISOString(), day.clock().toISOString()]).toEqual(['2025-03-10T01:00:00.000Z', '2025-03-10T01:00:07.000Z']);
    const ids = [day.newId(), day.newId()];
    expect(ids.every((id) => /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(id))).toBe(true);
    const again = new SimulatedDay(2025, '2025-01-02');
    expect([again.newId(), again.newId()]).toEqual(ids);
  });
});
