import { Limit, Subject, awaitingDecision, breaksCap, capOf, formatMoney, limitChangeOn, onceApproved, ratioOf } from '@groupcap/domain';
import { AsOfBook } from '../as-of/as-of-book';
import { ApprovalOutlookReadModel } from '../read-models.port';
import { creditFigures } from './credit-figures';

/**
 * What approving the request awaiting a decision on `limit` would do to its subject's comprehensive limit, the
 * limit-cap measure (domain.md sections 2 and 4), on the book's date: the subject's total with the limit as it
 * will be once approved (the domain's `onceApproved`) in place of the limit as it is, by the approval's own cap
 * arithmetic (`limitChangeOn`); allocations under a group limit never await a decision. The approval itself is decided by
 * the write model on every date from its effective date on; this is the figure an approver weighs first.
 * Undefined when nothing awaits a decision on the limit. The book must hold every member of the customer's group.
 */
export function approvalOutlook(book: AsOfBook, limit: Limit): ApprovalOutlookReadModel | undefined {
  const pending = awaitingDecision(limit);
  if (!pending) return undefined;
  const groupId = book.groupOf.get(limit.customerId);
  const subject: Subject = groupId !== undefined ? { subjectType: 'group', groupId } : { subjectType: 'customer', customerId: limit.customerId };
  const members = groupId !== undefined ? (book.members.get(groupId) ?? [limit.customerId]) : [limit.customerId];
  const now = creditFigures(book, members, groupId).comprehensiveLimit;
  const { current, added } = limitChangeOn(now, limit, onceApproved(limit, pending), book.date);
  const ifApproved = current + added;
  const cap = capOf(book.state, subject, book.date);
  return {
    subjectType: subject.subjectType,
    groupId: groupId ?? null,
    customerId: groupId === undefined ? limit.customerId : null,
    comprehensiveLimit: formatMoney(now),
    comprehensiveLimitIfApproved: formatMoney(ifApproved),
    cap: cap ? formatMoney(cap.cap) : null,
    capUtilizationIfApproved: cap ? ratioOf(ifApproved, cap.cap) : null,
    overCapIfApproved: cap ? breaksCap(ifApproved, cap) : null,
  };
}
