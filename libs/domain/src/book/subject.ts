import { Subject } from '../caps/cap.events';
import { BookState } from './book.state';

export function subjectKey(subject: Subject): string {
  return subject.subjectType === 'group' ? `group:${subject.groupId}` : `customer:${subject.customerId}`;
}

/** The cap applies to the customer's group, or to the customer itself when it stands alone. */
export function subjectOf(state: BookState, customerId: string): Subject {
  const groupId = state.groupOf.get(customerId);
  return groupId ? { subjectType: 'group', groupId } : { subjectType: 'customer', customerId };
}

export function subjectExists(state: BookState, subject: Subject): boolean {
  return subject.subjectType === 'group'
    ? state.groups.has(subject.groupId)
    : state.customers.has(subject.customerId) && !state.groupOf.has(subject.customerId);
}

export function membersOf(state: BookState, subject: Subject): Iterable<string> {
  return subject.subjectType === 'group' ? (state.groups.get(subject.groupId)?.members ?? []) : [subject.customerId];
}
