import { BookState, CapBasis, CapMeasures, Subject, capOf, overCap } from '@groupcap/domain';
import { AsOfBook } from '../as-of/as-of-book';
import { BreachRow } from '../as-of/as-of.queries';
import { CreditFigures, creditFigures } from './credit-figures';
import { largeExposureBreachHolds } from './large-exposure-status';

/** The figures each cap measures (domain.md section 4): the reported comprehensive limit, and the exposure. */
export function capMeasuresOf(figures: CreditFigures): CapMeasures {
  return { limit: figures.comprehensiveLimit, exposure: figures.exposure };
}

/**
 * Whether the subject is over its cap on the book's date, from that date's figures and the cap in force then
 * (net capital and policy as of the date). Breach events are recorded only when a command arrives, so time
 * alone (a limit expiring, a back-dated declaration) can leave them stale; the figures cannot be. No net
 * capital, no cap.
 */
export function isOverCap(book: AsOfBook, subject: Subject, figures: CreditFigures, basis?: CapBasis): boolean {
  const cap = capOf(book.state, subject, book.date);
  if (!cap) return false;
  const over = overCap(capMeasuresOf(figures), cap);
  return basis ? over.includes(basis) : over.length > 0;
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
 * names is still over the cap in force on that date. The book must hold every customer ever in the subject. A 2018
 * breach is measured by the domain over the book's domain state on the date (large-exposure-status.ts), which must
 * hold every customer the subject could reach (book-state-on.ts connectedScope).
 */
export function breachStillHolds(book: AsOfBook, row: BreachRow, stateOn: () => BookState): boolean {
  if (row.regime === 'nfra-2018') return largeExposureBreachHolds(stateOn(), row, book.date);
  const subject: Subject =
    row.group_id !== null ? { subjectType: 'group', groupId: row.group_id } : { subjectType: 'customer', customerId: row.customer_id as string };
  const members = subjectMembers(book, subject);
  return members !== undefined && isOverCap(book, subject, creditFigures(book, members, subject.subjectType === 'group' ? subject.groupId : undefined), row.basis as CapBasis);
}
