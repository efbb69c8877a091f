import { BusinessDate } from '@groupcap/domain';

/** The last day of the quarter before the one `date` falls in: 2025-05-10 -> 2025-03-31, 2025-03-31 -> 2024-12-31. */
export function previousQuarterEnd(date: BusinessDate): BusinessDate {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const quarter = Math.floor((month - 1) / 3);
  if (quarter === 0) return `${year - 1}-12-31`;
  const endMonth = quarter * 3;
  const lastDay = new Date(Date.UTC(year, endMonth, 0)).getUTCDate();
  return `${year}-${String(endMonth).padStart(2, '0')}-${String(lastDay).padStart(2, '0')}`;
}

/** Whether the date is the last day of a quarter (03-31, 06-30, 09-30, 12-31): the dates the report is filed for. */
export function isQuarterEnd(date: BusinessDate): boolean {
  return /^\d{4}-(03-31|06-30|09-30|12-31)$/.test(date);
}
