import { BookEvent } from '@groupcap/domain';
import { groupLimitSubjects } from './group-limit-summary';

/** The customers and groups an event names, for an audit trail: who it is about, not whose cap it moves. */
export function eventSubjects(event: BookEvent): { customers: readonly string[]; groups: readonly string[] } {
  switch (event.type) {
    case 'NetCapitalDeclared':
    case 'PolicyChanged':
    case 'LargeCreditReportFiled':
    case 'LargeExposureReportFiled':
      return { customers: [], groups: [] };
    case 'CustomerRegistered':
      return { customers: [event.data.customerId], groups: [] };
    case 'RelationRecorded':
    case 'RelationRemoved':
      return { customers: [event.data.from, event.data.to], groups: [] };
    case 'GroupFormed':
    case 'GroupDissolved':
      return { customers: event.data.members, groups: [event.data.groupId] };
    case 'GroupsMerged':
      return { customers: event.data.members, groups: [event.data.groupId, ...event.data.absorbedGroupIds] };
    case 'GroupSplit': {
      const { groupId, remainingMembers, leftMembers, newGroups } = event.data;
      return { customers: [...remainingMembers, ...leftMembers, ...newGroups.flatMap((g) => g.members)], groups: [groupId, ...newGroups.map((g) => g.groupId)] };
    }
    case 'GroupMemberJoined':
    case 'GroupMemberLeft':
      return { customers: [event.data.customerId], groups: [event.data.groupId] };
    case 'LimitGranted':
    case 'LimitRequested':
    case 'LimitRenewed':
    case 'LimitRenewalRequested':
    case 'LimitApproved':
    case 'LimitRejected':
    case 'LimitCancelled':
    case 'DrawdownBooked':
    case 'RepaymentBooked':
      return { customers: [event.data.customerId], groups: [] };
    case 'GroupLimitRequested':
    case 'GroupLimitApproved':
    case 'GroupLimitRejected':
    case 'GroupLimitRenewalRequested':
    case 'GroupLimitCancelled':
    case 'GroupLimitReallocated':
      return groupLimitSubjects(event);
    case 'CapBreached':
    case 'CapBreachCured':
      if (event.data.subjectType === 'group') return { customers: [], groups: [event.data.groupId] };
      // A 2018 connected group names its members on the date measured.
      if (event.data.subjectType === 'connected-group') return { customers: event.data.members ?? [], groups: [] };
      return { customers: [event.data.customerId], groups: [] };
    default: {
      const unhandled: never = event;
      return unhandled;
    }
  }
}
