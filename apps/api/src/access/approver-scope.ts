import { Inject, Injectable } from '@nestjs/common';
import { CustomerReadModel, GroupReadModel, READ_MODELS, ReadModels } from '@groupcap/projections';
import type { Principal } from '../auth/principal';
import { ProblemException } from '../problems/problem-details';

/**
 * Least exposure (domain.md section 7): an approver reads a customer or a group only while it has a request
 * awaiting a decision: a limit grant or a renewal pending approval, as the read side shows it today. Officers and
 * risk staff read as before; an approver who also holds one of those roles reads as that role.
 */
@Injectable()
export class ApproverScope {
  constructor(@Inject(READ_MODELS) private readonly readModels: ReadModels) {}

  /** True when the caller reads only as an approver. */
  limited(principal: Principal | undefined): boolean {
    return principal !== undefined && !principal.roles.some((role) => role === 'officer' || role === 'risk');
  }

  /** 403 FORBIDDEN for a limited approver and a customer with nothing awaiting a decision (or no such customer). */
  checkCustomer(principal: Principal | undefined, customerId: string): void {
    if (!this.limited(principal)) return;
    if (!awaitsDecision(this.readModels.customer(customerId))) throw outOfScope('customer', customerId);
  }

  checkGroup(principal: Principal | undefined, groupId: string): void {
    if (!this.limited(principal)) return;
    const group = this.readModels.group(groupId);
    if (group === undefined || !this.groupAwaits(group)) throw outOfScope('group', groupId);
  }

  /** The groups a limited approver may see, in the order given. */
  visibleGroups(principal: Principal | undefined, groups: readonly GroupReadModel[]): GroupReadModel[] {
    return this.limited(principal) ? groups.filter((group) => this.groupAwaits(group)) : [...groups];
  }

  private groupAwaits(group: GroupReadModel): boolean {
    return group.members.some((member) => awaitsDecision(this.readModels.customer(member)));
  }
}

function awaitsDecision(customer: CustomerReadModel | undefined): boolean {
  return customer?.limits.some((limit) => limit.status === 'pending' || limit.pendingRenewal !== null) ?? false;
}

function outOfScope(type: 'customer' | 'group', id: string): ProblemException {
  return new ProblemException('FORBIDDEN', `an approver reads a ${type} only while a request on it awaits a decision; ${type} ${id} has none`, {
    requiredRoles: ['officer', 'risk'],
  });
}
