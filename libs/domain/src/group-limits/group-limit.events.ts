/** The terms of a group limit as requested. `groupId` is the group it was requested for; it follows merges (docs/domain.md). */
export type GroupLimitTerms = { groupLimitId: string; groupId: string; amount: string; validFrom: string; validTo: string };

export type GroupLimitEvent =
  /** Always a request: head office decides a group limit whatever its size. */
  | { type: 'GroupLimitRequested'; data: GroupLimitTerms & { requestedBy: string } }
  | { type: 'GroupLimitApproved'; data: { groupLimitId: string; groupId: string; request: 'grant' | 'renewal'; amount: string; validTo: string; requestedBy: string; approvedBy: string } }
  | { type: 'GroupLimitRejected'; data: { groupLimitId: string; groupId: string; request: 'grant' | 'renewal'; reason: string; requestedBy: string; rejectedBy: string } }
  | { type: 'GroupLimitRenewalRequested'; data: { groupLimitId: string; groupId: string; amount: string; validTo: string; requestedBy: string } }
  | { type: 'GroupLimitCancelled'; data: { groupLimitId: string; groupId: string } }
  /** Both member limits' new amounts, so the log alone says what each allocation was from this date on. */
  | {
      type: 'GroupLimitReallocated';
      data: {
        groupLimitId: string;
        groupId: string;
        fromLimitId: string;
        fromCustomerId: string;
        toLimitId: string;
        toCustomerId: string;
        amount: string;
        fromAmountAfter: string;
        toAmountAfter: string;
      };
    };

export type GroupLimitEventType = GroupLimitEvent['type'];

export function isGroupLimitEvent(event: { type: string }): event is GroupLimitEvent {
  return event.type.startsWith('GroupLimit');
}

/** A group limit is always a request: the command that records one (or its renewal) is answered 202. */
export function groupLimitAwaitsApproval(event: { type: string }): boolean {
  return event.type === 'GroupLimitRequested' || event.type === 'GroupLimitRenewalRequested';
}
