import { BusinessDate } from '../shared/business-date';
import { Fen } from '../shared/money';

export type GroupLimitStatus = 'pending' | 'active' | 'rejected' | 'cancelled';

export interface GroupLimitRenewal {
  amount: Fen;
  validTo: BusinessDate;
  requestedBy: string;
}

/** A group limit's terms from a business date on (one entry per request, renewal, decision or cancel). */
export interface GroupLimitVersion {
  from: BusinessDate;
  amount: Fen;
  validTo: BusinessDate;
  status: GroupLimitStatus;
  requestedBy: string | null;
  pendingRenewal: GroupLimitRenewal | null;
}

/** Which group a group limit belongs to from a date on: the group it was requested for, then the survivor of each merge that absorbed it. */
export interface GroupLimitGroup {
  from: BusinessDate;
  groupId: string;
}

/** 集团整体授信额度: the fields are the book today's; `terms` and `groups` give it on any date. */
export interface GroupLimit {
  groupLimitId: string;
  amount: Fen;
  validFrom: BusinessDate;
  validTo: BusinessDate;
  status: GroupLimitStatus;
  requestedBy: string | null;
  pendingRenewal: GroupLimitRenewal | null;
  since: BusinessDate;
  terms: readonly GroupLimitVersion[];
  groups: readonly GroupLimitGroup[];
  /** The member limits granted under it (额度切分), in the order granted. */
  allocationIds: readonly string[];
}
