/** Business dates are ISO calendar dates (YYYY-MM-DD); they compare correctly as strings. */
export type BusinessDate = string;

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isBusinessDate(value: unknown): value is BusinessDate {
  if (typeof value !== 'string') return false;
  const m = DATE_PATTERN.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** The business date of an instant in China Standard Time (UTC+8, no daylight saving). */
export function businessDateOf(instant: Date): BusinessDate {
  return new Date(instant.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/**
 * "Today" for every default and check: the fixed BUSINESS_DATE, or the current date in China time (rolls at midnight).
 * Here rather than with the configuration that reads BUSINESS_DATE, so the writer's thread has it without loading that.
 */
export function businessToday(fixed: string | undefined, clock: () => Date = () => new Date()): () => string {
  return fixed !== undefined ? () => fixed : () => businessDateOf(clock());
}

/** The calendar day before a business date. */
export function dayBefore(date: BusinessDate): BusinessDate {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d - 1)).toISOString().slice(0, 10);
}

/**
 * The one string the write model keeps for each business date it holds. Every fact carries its dates (any later
 * command may be back-dated to them), and without this each carries its own copy: the writer's business date is
 * computed afresh for every command, and a log's dates are parsed afresh for every event. A book spans a few
 * thousand distinct dates, so the table is bounded well above that; past the bound a date is kept as given (still
 * correct, only not shared). The table is a cache of immutable strings, each equal to what it stands for, so an
 * evolve() that interns stays pure: its result is the same value whichever object it gets.
 */
const INTERNED_DATES_MAX = 50_000;
const internedDates = new Map<string, BusinessDate>();

export function internedDate(date: BusinessDate): BusinessDate {
  const known = internedDates.get(date);
  if (known !== undefined) return known;
  if (internedDates.size < INTERNED_DATES_MAX) internedDates.set(date, date);
  return date;
}
