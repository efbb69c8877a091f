import { BusinessDate } from '@groupcap/domain';

/** Working days (Monday to Friday) of the demo year; public holidays are left out for simplicity. */
const toDate = (d: BusinessDate) => new Date(`${d}T00:00:00Z`);
const fromDate = (d: Date): BusinessDate => d.toISOString().slice(0, 10);

export function isWorkingDay(date: BusinessDate): boolean {
  const day = toDate(date).getUTCDay();
  return day !== 0 && day !== 6;
}

export function addDays(date: BusinessDate, days: number): BusinessDate {
  const d = toDate(date);
  d.setUTCDate(d.getUTCDate() + days);
  return fromDate(d);
}

/** The working day `n` working days after `date` (n >= 0; n = 0 rolls a weekend forward to Monday). */
export function addWorkingDays(date: BusinessDate, n: number): BusinessDate {
  let d = date;
  while (!isWorkingDay(d)) d = addDays(d, 1);
  for (let i = 0; i < n; i++) {
    d = addDays(d, 1);
    while (!isWorkingDay(d)) d = addDays(d, 1);
  }
  return d;
}

/** Every working day from `from` to `to`, inclusive. */
export function workingDays(from: BusinessDate, to: BusinessDate): BusinessDate[] {
  const days: BusinessDate[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) if (isWorkingDay(d)) days.push(d);
  return days;
}

/** The day before the same date a year later: a one-year validity period. */
export function oneYearFrom(date: BusinessDate): BusinessDate {
  const d = toDate(date);
  d.setUTCFullYear(d.getUTCFullYear() + 1);
  d.setUTCDate(d.getUTCDate() - 1);
  return fromDate(d);
}
