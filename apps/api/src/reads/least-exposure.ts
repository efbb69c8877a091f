import { samePerson } from '@groupcap/domain';
import type { ReadModels } from '@groupcap/projections';
import type { Principal } from '../auth/principal';
import { ProblemException } from '../problems/problem-details';

type Subject = { customerId: string } | { groupId: string };

/** True for a caller whose roles give no read of its own (an approver without officer or risk). */
export function readsAsApproverOnly(principal: Principal | undefined): principal is Principal {
  return principal !== undefined && !principal.roles.some((role) => role === 'officer' || role === 'risk');
}

/**
 * Least exposure (api.md; domain.md section 7): an approver reads a customer or group only while it has a
 * request awaiting their decision (a grant or renewal they did not ask for). Officers and risk staff read
 * every customer; a caller holding one of those roles as well is not limited. 403 FORBIDDEN otherwise, for
 * unknown ids too, so that an approver cannot probe which customers exist.
 */
export function assertMayRead(principal: Principal | undefined, readModels: ReadModels, subject: Subject): void {
  if (!readsAsApproverOnly(principal)) return;
  if (readModels.awaitsDecisionOf(subject, principal.userId)) return;
  const what = 'customerId' in subject ? `customer ${subject.customerId}` : `group ${subject.groupId}`;
  throw outOfScope(principal, what, subject);
}

/**
 * The same rule for a read of one limit or group limit: it shows its customer's (or group's) figures, so an
 * approver reads it while that customer or group has a request awaiting their decision, or while the thing
 * itself awaits their decision. `found` is the view (undefined: unknown id, refused alike).
 */
export function assertMayReadOne(
  principal: Principal | undefined,
  readModels: ReadModels,
  what: string,
  found: { requestedBy: string | null; subject: Subject } | undefined,
): void {
  if (!readsAsApproverOnly(principal)) return;
  if (found) {
    const user = principal.userId.toLowerCase();
    if (found.requestedBy !== null && found.requestedBy.toLowerCase() !== user) return;
    if (readModels.awaitsDecisionOf(found.subject, principal.userId)) return;
  }
  throw outOfScope(principal, what, found?.subject ?? {});
}

/**
 * GET /limits and GET /group-limits for an approver: their queue (status=pending) is theirs to read; any other
 * listing only for a customer (or group) with a request awaiting their decision.
 */
export function assertMayList(principal: Principal | undefined, readModels: ReadModels, query: { status?: string; customerId?: string; groupId?: string }): void {
  if (!readsAsApproverOnly(principal) || query.status === 'pending') return;
  if (query.customerId !== undefined) return assertMayRead(principal, readModels, { customerId: query.customerId });
  if (query.groupId !== undefined) return assertMayRead(principal, readModels, { groupId: query.groupId });
  throw new ProblemException(
    'FORBIDDEN',
    'an approver lists what awaits a decision (status=pending), or what a customer (customerId=) or group (groupId=) with a request awaiting their decision holds',
    { roles: principal.roles },
  );
}

/**
 * A queue item as an approver may see it: `ifApproved` shows its group's figures, which an approver reads only for
 * a request they may decide, so on their own requests it is left out (null), as the group read itself is refused.
 */
export function withOutlookFor<T extends { requestedBy: string | null; ifApproved: unknown }>(principal: Principal | undefined, item: T): T {
  if (!readsAsApproverOnly(principal) || item.ifApproved === null || item.requestedBy === null || !samePerson(item.requestedBy, principal.userId)) return item;
  return { ...item, ifApproved: null };
}

function outOfScope(principal: Principal, what: string, subject: Subject | Record<string, never>): ProblemException {
  return new ProblemException('FORBIDDEN', `an approver reads a customer or group only while it has a request awaiting their decision; ${what} has none`, {
    ...subject,
    roles: principal.roles,
  });
}
