export type RiskClass = 'standard' | 'low-risk';

export type LimitTerms = {
  limitId: string;
  customerId: string;
  amount: string;
  validFrom: string;
  validTo: string;
  riskClass: RiskClass;
  branch: string | null;
  /** Present on an allocation under a group limit (absent on every other limit, and on events before group limits). */
  groupLimitId?: string;
};

/** A request for an approver: the command that recorded it is answered 202, not 201. */
export function awaitsApproval(event: { type: string }): boolean {
  // Group limits (group-limits/) are always requests: head office decides them.
  return event.type === 'LimitRequested' || event.type === 'LimitRenewalRequested' || event.type === 'GroupLimitRequested' || event.type === 'GroupLimitRenewalRequested';
}

export type LimitEvent =
  /** In force at once: the subject's total after it stays within the escalation threshold. */
  | { type: 'LimitGranted'; data: LimitTerms }
  /** Above the escalation threshold: a request until an approver other than the requester approves it. */
  | { type: 'LimitRequested'; data: LimitTerms & { requestedBy: string } }
  | { type: 'LimitRenewed'; data: { limitId: string; customerId: string; previousAmount: string; amount: string; previousValidTo: string; validTo: string } }
  | { type: 'LimitRenewalRequested'; data: { limitId: string; customerId: string; amount: string; validTo: string; requestedBy: string } }
  | { type: 'LimitApproved'; data: { limitId: string; customerId: string; request: 'grant' | 'renewal'; amount: string; validTo: string; requestedBy: string; approvedBy: string } }
  | { type: 'LimitRejected'; data: { limitId: string; customerId: string; request: 'grant' | 'renewal'; reason: string; requestedBy: string; rejectedBy: string } }
  | { type: 'LimitCancelled'; data: { limitId: string; customerId: string } };
