import { BookEvent } from '../book/book.events';
import { VALID_FROM, VALID_TO } from './book.fixtures';

/** Group-limit events for specs (group unified credit). Amounts are the events' decimal strings. */
export function groupLimitRequested(groupLimitId: string, groupId: string, amount: string, o: { validFrom?: string; validTo?: string; requestedBy?: string } = {}): BookEvent {
  return {
    type: 'GroupLimitRequested',
    data: { groupLimitId, groupId, amount, validFrom: o.validFrom ?? VALID_FROM, validTo: o.validTo ?? VALID_TO, requestedBy: o.requestedBy ?? 'officer-1' },
  };
}

export function groupLimitApproved(groupLimitId: string, groupId: string, amount: string, o: { validTo?: string; request?: 'grant' | 'renewal' } = {}): BookEvent {
  return {
    type: 'GroupLimitApproved',
    data: { groupLimitId, groupId, request: o.request ?? 'grant', amount, validTo: o.validTo ?? VALID_TO, requestedBy: 'officer-1', approvedBy: 'approver-1' },
  };
}

/** Requested and approved: a group limit in force. */
export function groupLimitInForce(groupLimitId: string, groupId: string, amount: string, o: { validFrom?: string; validTo?: string } = {}): BookEvent[] {
  return [groupLimitRequested(groupLimitId, groupId, amount, o), groupLimitApproved(groupLimitId, groupId, amount, o)];
}

export function groupLimitRenewalRequested(groupLimitId: string, groupId: string, amount: string, validTo: string): BookEvent {
  return { type: 'GroupLimitRenewalRequested', data: { groupLimitId, groupId, amount, validTo, requestedBy: 'officer-1' } };
}

export function groupLimitCancelled(groupLimitId: string, groupId: string): BookEvent {
  return { type: 'GroupLimitCancelled', data: { groupLimitId, groupId } };
}

/** A member limit allocated under a group limit. */
export function allocated(limitId: string, customerId: string, amount: string, groupLimitId: string, o: { validFrom?: string; validTo?: string } = {}): BookEvent {
  return {
    type: 'LimitGranted',
    data: { limitId, customerId, amount, validFrom: o.validFrom ?? VALID_FROM, validTo: o.validTo ?? VALID_TO, riskClass: 'standard', branch: null, groupLimitId },
  };
}
