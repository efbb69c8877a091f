import { AsOfBook } from '../as-of/as-of-book';
import { ReportMember, ReportRow } from '../large-credit.port';

/**
 * The members of each group row on the book's date, with their names and credit codes: by group id, then
 * customer id; a group listed twice (filed and current rows) once.
 */
export function reportMembers(book: AsOfBook, rows: readonly Pick<ReportRow, 'groupId'>[]): ReportMember[] {
  const groupIds = [...new Set(rows.flatMap((row) => (row.groupId === null ? [] : [row.groupId])))].sort();
  return groupIds.flatMap((groupId) =>
    (book.members.get(groupId) ?? []).map((customerId) => {
      const customer = book.customers.get(customerId);
      return { groupId, customerId, name: customer?.name ?? customerId, creditCode: customer?.credit_code ?? null };
    }),
  );
}
