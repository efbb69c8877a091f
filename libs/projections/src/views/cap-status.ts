import { CapBasis, Fen, Subject, capOf } from '@groupcap/domain';
import { AsOfBook } from '../as-of/as-of-book';
import { BreachRow } from '../as-of/as-of.queries';
import { CreditFigures, creditFigures } from './credit-figures';

/** The figure each cap measures (domain.md section 4): the reported comprehensive limit, or the exposure. */
export function measureOf(figures: CreditFigures, basis: CapBasis): Fen {
  return basis === 'limit' ? figures.comprehensiveLimit : figures.exposure;
}

/**
 * Whether the subject is over its cap on the book's date, from that date's figures and the cap in force then
 * (net capital and policy as of the date). Breach events are recorded only when a command arrives, so time
 * alone (a limit expiring, a back-dated declaration) can leave them stale; the figures cannot be. Only "more
 * than" breaks a cap; no net capital, no cap.
 */
export function isOverCap(book: AsOfBook, subject: Subject, figures: CreditFigures, basis?: CapBasis): boolean {
  const cap = capOf(book.state, subject, book.date)?.cap;
  if (cap === undefined) return false;
  const bases: readonly CapBasis[] = basis ? [basis] : ['limit', 'exposure'];
  return bases.some((b) => measureOf(figures, b) > cap);
}

/** The customers a subject aggregates on the book's date; undefined when it is no subject then (no group, or not standalone). */
export function subjectMembers(book: AsOfBook, subject: Subject): readonly string[] | undefined {
  if (subject.subjectType === 'group') {
    const members = book.members.get(subject.groupId);
    return members && members.length > 0 ? members : undefined;
  }
  const customer = book.customers.get(subject.customerId);
  if (!customer || customer.effective_date > book.date || book.groupOf.has(subject.customerId)) return undefined;
  return [subject.customerId];
}

/**
 * An open breach event that still holds on the book's date: its subject still exists and the measure it
 * names is still over the cap in force on that date. The book must hold every customer ever in the subject.
 */
export function breachStillHolds(book: AsOfBook, row: BreachRow): boolean {
  const subject: Subject =
    row.group_id !== null ? { subjectType: 'group', groupId: row.group_id } : { subjectType: 'customer', customerId: row.customer_id as string };
  const members = subjectMembers(book, subject);
  return members !== undefined && isOverCap(book, subject, creditFigures(book, members), row.basis);
}
