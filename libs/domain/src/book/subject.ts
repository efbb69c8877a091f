import { BreachSubject, Subject } from '../caps/cap.events';
import { BusinessDate } from '../shared/business-date';
import { BookState } from './book.state';
import { groupOn, isCurrent, membersOn } from './book-on-date';

/** The key a subject's breaches are filed under within its regime's books (book.state.ts). */
export function subjectKey(subject: BreachSubject): string {
  switch (subject.subjectType) {
    case 'group':
      return `group:${subject.groupId}`;
    case 'customer':
      return `customer:${subject.customerId}`;
    case 'connected-group':
      return `connected-group:${subject.connectedGroupId}`;
    default: {
      const unknown: never = subject;
      return unknown;
    }
  }
}

/**
 * The subject a key names, subjectKey's inverse: the kind before the first colon, the id after it (colons and all).
 * A key subjectKey did not make is a fault, not a subject.
 */
export function parseSubjectKey(key: string): BreachSubject {
  const colon = key.indexOf(':');
  const id = key.slice(colon + 1);
  switch (colon < 0 ? undefined : key.slice(0, colon)) {
    case 'group':
      return { subjectType: 'group', groupId: id };
    case 'customer':
      return { subjectType: 'customer', customerId: id };
    case 'connected-group':
      return { subjectType: 'connected-group', connectedGroupId: id };
    default:
      throw new Error(`Not a subject key: ${key}`);
  }
}

/** The cap applies to the customer's group on the date, or to the customer itself when it stood alone then. */
export function subjectOf(state: BookState, customerId: string, date?: BusinessDate): Subject {
  const groupId = date === undefined ? state.groupOf.get(customerId) : groupOn(state, customerId, date);
  return groupId ? { subjectType: 'group', groupId } : { subjectType: 'customer', customerId };
}

export function subjectExists(state: BookState, subject: Subject, date?: BusinessDate): boolean {
  if (date !== undefined && !isCurrent(state, date)) {
    if (subject.subjectType === 'group') return membersOn(state, subject.groupId, date).length > 0;
    const customer = state.customers.get(subject.customerId);
    return customer !== undefined && customer.since <= date && groupOn(state, subject.customerId, date) === undefined;
  }
  return subject.subjectType === 'group'
    ? state.groups.has(subject.groupId)
    : state.customers.has(subject.customerId) && !state.groupOf.has(subject.customerId);
}

export function membersOf(state: BookState, subject: Subject, date?: BusinessDate): Iterable<string> {
  if (subject.subjectType === 'customer') return [subject.customerId];
  if (date !== undefined && !isCurrent(state, date)) return membersOn(state, subject.groupId, date);
  return state.groups.get(subject.groupId)?.members ?? [];
}
