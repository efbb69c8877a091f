import { SqliteEventStore } from '@groupcap/event-store';
import { ADMIN, TestBook } from './test-book';

/** The business date of the twelve groups' book. */
export const TWELVE_GROUPS_TODAY = '2025-04-10';

/**
 * Net capital 1,000,000,000.00: a group's cap is 15% of it, 150,000,000.00. Twelve groups, each a parent P<i> holding
 * 60% of S<i>, formed in order (G000001 is group 0); P<i> holds a limit of (i + 1) x 5,000,000.00. Today is
 * TWELVE_GROUPS_TODAY.
 */
export async function twelveGroups(store: SqliteEventStore): Promise<TestBook> {
  const book = new TestBook({ store });
  await book.declareCapital('2024-12-31', '1000000000.00', '2025-01-02');
  await book.run({ type: 'ChangePolicy', escalationThreshold: '500000000.00' }, '2025-01-02', ADMIN);
  for (let i = 0; i < 12; i++) {
    await book.register(`P${i}`, `Parent ${i}`, '2025-01-05');
    await book.register(`S${i}`, `Subsidiary ${i}`, '2025-01-05');
    await book.holds(`R${i}`, `P${i}`, `S${i}`, '0.6', '2025-01-06');
    await book.grant(`L${i}`, `P${i}`, `${(i + 1) * 5_000_000}`, '2025-01-01', '2025-12-31', '2025-01-10');
  }
  book.today = TWELVE_GROUPS_TODAY;
  return book;
}
