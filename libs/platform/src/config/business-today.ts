import { businessDateOf } from '@groupcap/domain';

/** "Today" for every default and check: the fixed BUSINESS_DATE, or the current date in China time (rolls at midnight). */
export function businessToday(fixed: string | undefined, clock: () => Date = () => new Date()): () => string {
  return fixed !== undefined ? () => fixed : () => businessDateOf(clock());
}
