import {
  BookState,
  BusinessDate,
  LargeExposureBasis,
  LargeExposureSubject,
  clientFigures,
  clientsFigures,
  connectedGroupMembersOn,
  largeExposureCapsOf,
  measureFor,
} from '@groupcap/domain';
import { BreachRow } from '../as-of/as-of.queries';

/**
 * A 2018 breach event (regime nfra-2018) that still holds on the date: its subject still exists then (the client
 * was registered; the connected group is still anchored at the same client) and the measure its basis names is
 * still over that basis's cap in force then, measured by the domain over the book as it stood on the date (the whole book, or every customer the subject could
 * reach: book-state-on.ts connectedScope).
 * Time alone (a declaration taking effect, a relation removed back-dated) can leave a breach event stale.
 */
export function largeExposureBreachHolds(state: BookState, row: BreachRow, date: BusinessDate): boolean {
  let subject: LargeExposureSubject;
  let members: string[];
  if (row.connected_group_id !== null) {
    const now = connectedGroupMembersOn(state, row.connected_group_id, date);
    if (now === undefined) return false;
    subject = { subjectType: 'connected-group', connectedGroupId: row.connected_group_id };
    members = now;
  } else {
    const customerId = row.customer_id as string;
    if (!state.customers.has(customerId)) return false;
    subject = { subjectType: 'customer', customerId };
    members = [customerId];
  }
  const cap = largeExposureCapsOf(state, subject, members, date).find((c) => c.basis === row.basis);
  if (!cap) return false;
  const figures = subject.subjectType === 'customer' ? clientFigures(state, subject.customerId, date) : clientsFigures(state, members, date);
  return measureFor(row.basis as LargeExposureBasis, figures) > cap.cap;
}
