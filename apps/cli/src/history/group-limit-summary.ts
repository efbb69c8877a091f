import { GroupLimitEvent } from '@groupcap/domain';

/** One line per group-limit event (group unified credit), in the style of event-summary.ts. */
export function groupLimitSummary(event: GroupLimitEvent, money: (amount: string) => string): string {
  switch (event.type) {
    case 'GroupLimitRequested': {
      const d = event.data;
      return `group limit ${d.groupLimitId} for ${d.groupId}: ${money(d.amount)}, ${d.validFrom}..${d.validTo}; awaiting head office (requested by ${d.requestedBy})`;
    }
    case 'GroupLimitApproved': {
      const d = event.data;
      return `group limit ${d.groupLimitId} of ${d.groupId}: ${d.request} of ${money(d.amount)} until ${d.validTo} approved by ${d.approvedBy} (requested by ${d.requestedBy})`;
    }
    case 'GroupLimitRejected': {
      const d = event.data;
      return `group limit ${d.groupLimitId} of ${d.groupId}: ${d.request} rejected by ${d.rejectedBy} (requested by ${d.requestedBy}): ${d.reason}`;
    }
    case 'GroupLimitRenewalRequested': {
      const d = event.data;
      return `group limit ${d.groupLimitId} of ${d.groupId}: renewal to ${money(d.amount)} until ${d.validTo} awaiting approval (requested by ${d.requestedBy})`;
    }
    case 'GroupLimitCancelled':
      return `group limit ${event.data.groupLimitId} of ${event.data.groupId} cancelled`;
    case 'GroupLimitReallocated': {
      const d = event.data;
      return `group limit ${d.groupLimitId}: ${money(d.amount)} moved from ${d.fromLimitId} (${d.fromCustomerId}, now ${money(d.fromAmountAfter)}) to ${d.toLimitId} (${d.toCustomerId}, now ${money(d.toAmountAfter)})`;
    }
    default: {
      const unhandled: never = event;
      return unhandled;
    }
  }
}

/** The customers and groups a group-limit event names. */
export function groupLimitSubjects(event: GroupLimitEvent): { customers: readonly string[]; groups: readonly string[] } {
  if (event.type === 'GroupLimitReallocated') return { customers: [event.data.fromCustomerId, event.data.toCustomerId], groups: [event.data.groupId] };
  return { customers: [], groups: [event.data.groupId] };
}
