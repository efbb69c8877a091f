import { AsOfBook } from '../as-of/as-of-book';
import { ReportMember, ReportRow } from '../large-credit.port';

/** A group's members on the book's date with their names and credit codes, by customer id. */
export function membersOnDate(book: AsOfBook, groupId: string): ReportMember[] {
  return (book.members.get(groupId) ?? []).map((customerId) => {
    const customer = book.customers.get(customerId);
    return { groupId, customerId, name: customer?.name ?? customerId, creditCode: customer?.credit_code ?? null };
  });
}

/**
 * The members of each group row on the report's date, with their names and credit codes: by group id, then
 * customer id; a group listed twice (filed and current rows) once. `membersOf` answers from the whole book, or
 * from the kept rows (large-credit.kept.ts).
 */
export function reportMembers(membersOf: (groupId: string) => ReportMember[], rows: readonly Pick<ReportRow, 'groupId'>[]): ReportMember[] {
  // Loops, not flatMap: 100,000 rows at a bank's scale, each a throw-away array otherwise.
  const groupIds = new Set<string>();
  for (const row of rows) if (row.groupId !== null) groupIds.add(row.groupId);
  const members: ReportMember[] = [];
  for (const groupId of [...groupIds].sort()) for (const member of membersOf(groupId)) members.push(member);
  return members;
}
