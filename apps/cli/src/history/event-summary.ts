import { groupLimitSummary } from './group-limit-summary';
import Decimal from 'decimal.js';
import { BookEvent, parseMoney } from '@groupcap/domain';
import { yuan } from '../output/amounts';

const money = (value: string) => yuan(parseMoney(value));
const percent = (share: string) => `${new Decimal(share).mul(100).toString()}%`;
const UNDIRECTED = new Set(['family', 'deemed-group']);

/** One short line saying what the event records, in the terms of domain.md. */
export function summarize(event: BookEvent): string {
  switch (event.type) {
    case 'NetCapitalDeclared':
      return `net capital ${money(event.data.netCapital)} as of ${event.data.asOf}`;
    case 'PolicyChanged': {
      const d = event.data;
      return `group cap ${d.groupCapRatio}, single-customer cap ${d.singleCustomerCapRatio}, escalation above ${money(d.escalationThreshold)}, control above ${d.equityControlThreshold} (changed: ${d.changed.join(', ')})`;
    }
    case 'CustomerRegistered': {
      const d = event.data;
      return `${d.customerId} ${d.name} (${d.kind}${d.creditCode ? `, ${d.creditCode}` : ''})`;
    }
    case 'RelationRecorded': {
      const d = event.data;
      return `${d.relationId}: ${d.from} ${UNDIRECTED.has(d.relationType) ? '<->' : '->'} ${d.to} ${d.relationType}${d.share ? ` ${percent(d.share)}` : ''}`;
    }
    case 'RelationRemoved':
      return `${event.data.relationId} removed: ${event.data.from} -> ${event.data.to} ${event.data.relationType}`;
    case 'GroupFormed':
      return `${event.data.groupId} "${event.data.name}" formed: ${event.data.members.join(', ')}`;
    case 'GroupsMerged':
      return `${event.data.groupId} "${event.data.name}" absorbed ${event.data.absorbedGroupIds.join(', ')}: ${event.data.members.join(', ')}`;
    case 'GroupSplit': {
      const d = event.data;
      const parts = [`${d.groupId} keeps ${d.remainingMembers.join(', ')}`, ...d.newGroups.map((g) => `new ${g.groupId} ${g.members.join(', ')}`)];
      if (d.leftMembers.length > 0) parts.push(`standalone ${d.leftMembers.join(', ')}`);
      return `split: ${parts.join('; ')}`;
    }
    case 'GroupMemberJoined':
      return `${event.data.customerId} joined ${event.data.groupId}`;
    case 'GroupMemberLeft':
      return `${event.data.customerId} left ${event.data.groupId}`;
    case 'GroupDissolved':
      return `${event.data.groupId} dissolved: ${event.data.members.join(', ')} stand alone`;
    case 'LimitGranted':
    case 'LimitRequested': {
      const d = event.data;
      const terms = `${d.limitId} for ${d.customerId}: ${money(d.amount)}, ${d.validFrom}..${d.validTo}, ${d.riskClass}${d.branch ? `, branch ${d.branch}` : ''}`;
      return event.type === 'LimitRequested' ? `${terms}; awaiting approval (requested by ${event.data.requestedBy})` : terms;
    }
    case 'LimitRenewed': {
      const d = event.data;
      return `${d.limitId} of ${d.customerId} renewed: ${money(d.previousAmount)} to ${d.previousValidTo} -> ${money(d.amount)} to ${d.validTo}`;
    }
    case 'LimitRenewalRequested': {
      const d = event.data;
      return `${d.limitId} of ${d.customerId}: renewal to ${money(d.amount)} until ${d.validTo} awaiting approval (requested by ${d.requestedBy})`;
    }
    case 'LimitApproved': {
      const d = event.data;
      return `${d.limitId} of ${d.customerId}: ${d.request} of ${money(d.amount)} until ${d.validTo} approved by ${d.approvedBy} (requested by ${d.requestedBy})`;
    }
    case 'LimitRejected': {
      const d = event.data;
      return `${d.limitId} of ${d.customerId}: ${d.request} rejected by ${d.rejectedBy} (requested by ${d.requestedBy}): ${d.reason}`;
    }
    case 'LimitCancelled':
      return `${event.data.limitId} of ${event.data.customerId} cancelled`;
    case 'DrawdownBooked': {
      const d = event.data;
      return `${d.drawdownId} on ${d.limitId} (${d.customerId}): ${d.product} ${money(d.amount)}, margin ${money(d.margin)}, exposure ${money(d.exposure)}`;
    }
    case 'RepaymentBooked': {
      const d = event.data;
      return `${d.drawdownId} on ${d.limitId} (${d.customerId}) repaid ${money(d.amount)}: outstanding ${money(d.outstandingAfter)}, exposure ${money(d.exposureAfter)}`;
    }
    case 'CapBreached':
    case 'CapBreachCured': {
      const d = event.data;
      const who = d.subjectType === 'group' ? `group ${d.groupId}` : d.subjectType === 'connected-group' ? `connected group ${d.connectedGroupId}` : `customer ${d.customerId}`;
      const figures = `${d.basis} ${money(d.measure)}, cap ${money(d.cap)} (${d.ratio} of ${money(d.netCapital)})`;
      if (event.type === 'CapBreached') return `${who} OVER its ${d.basis} cap: ${figures}`;
      return event.data.reason === 'subject-ended' ? `${who} breach closed, the group ended: ${figures}` : `${who} back under its ${d.basis} cap: ${figures}`;
    }
    case 'GroupLimitRequested':
    case 'GroupLimitApproved':
    case 'GroupLimitRejected':
    case 'GroupLimitRenewalRequested':
    case 'GroupLimitCancelled':
    case 'GroupLimitReallocated':
      return groupLimitSummary(event, money);
    case 'LargeCreditReportFiled':
      return `large-credit report as of ${event.data.asOf} filed: ${event.data.rows.length} rows, net capital ${event.data.netCapital === null ? 'none' : money(event.data.netCapital)}`;
    case 'LargeExposureReportFiled':
      return `G14 large-exposure report as of ${event.data.asOf} filed: ${event.data.rows.length} rows, tier-1 net capital ${money(event.data.tier1NetCapital)}`;
    default: {
      const unhandled: never = event;
      return unhandled;
    }
  }
}
