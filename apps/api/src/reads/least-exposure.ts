import type { ReadModels } from '@groupcap/projections';
import type { Principal } from '../auth/principal';
import { ProblemException } from '../problems/problem-details';

/**
 * Least exposure (api.md; domain.md section 7): an approver reads a customer or group only while it has a
 * request awaiting their decision (a grant or renewal they did not ask for). Officers and risk staff read
 * every customer; a caller holding one of those roles as well is not limited. 403 FORBIDDEN otherwise, for
 * unknown ids too, so that an approver cannot probe which customers exist.
 */
export function assertMayRead(principal: Principal | undefined, readModels: ReadModels, subject: { customerId: string } | { groupId: string }): void {
  if (!principal || principal.roles.some((role) => role === 'officer' || role === 'risk')) return;
  if (readModels.awaitsDecisionOf(subject, principal.userId)) return;
  const what = 'customerId' in subject ? `customer ${subject.customerId}` : `group ${subject.groupId}`;
  throw new ProblemException('FORBIDDEN', `an approver reads a customer or group only while it has a request awaiting their decision; ${what} has none`, {
    ...subject,
    roles: principal.roles,
  });
}
