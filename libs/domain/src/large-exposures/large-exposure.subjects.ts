import { BookState } from '../book/book.state';
import { BusinessDate } from '../shared/business-date';
import { subjectKey } from '../book/subject';
import { connectedGroupMembersOn, connectedGroupOf } from './connected-group';
import { LargeExposureSubject } from './large-exposure.measure';

/** A 2018 subject with its members on a date (a client is its own only member). */
export interface LargeExposureSubjectOn {
  key: string;
  subject: LargeExposureSubject;
  members: string[];
}

/** The 2018 subjects a client is measured in on the date: itself, and its connected group when it has one. */
export function largeExposureSubjectsOf(state: BookState, customerId: string, date: BusinessDate): LargeExposureSubjectOn[] {
  const client: LargeExposureSubject = { subjectType: 'customer', customerId };
  const out: LargeExposureSubjectOn[] = [{ key: subjectKey(client), subject: client, members: [customerId] }];
  const group = connectedGroupOf(state, customerId, date);
  if (group) out.push({ key: subjectKey(group.subject), subject: group.subject, members: group.members });
  return out;
}

/** The subject's members on the date, or undefined when it does not exist then (not registered, or a group ended). */
export function largeExposureMembersOn(state: BookState, subject: LargeExposureSubject, date: BusinessDate): string[] | undefined {
  if (subject.subjectType === 'customer') {
    const customer = state.customers.get(subject.customerId);
    return customer && customer.since <= date ? [subject.customerId] : undefined;
  }
  return connectedGroupMembersOn(state, subject.connectedGroupId, date);
}
