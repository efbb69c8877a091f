import { RiskClass } from './limit.events';

export type GrantLimit = {
  type: 'GrantLimit';
  limitId: string;
  customerId: string;
  amount: string;
  validFrom: string;
  validTo: string;
  riskClass?: RiskClass;
  branch?: string;
  /** An allocation under this group limit (domain.md section 2, group unified credit). */
  groupLimitId?: string;
};
export type ApproveLimit = { type: 'ApproveLimit'; limitId: string };
export type RejectLimit = { type: 'RejectLimit'; limitId: string; reason: string };
export type RenewLimit = { type: 'RenewLimit'; limitId: string; amount: string; validTo: string };
export type CancelLimit = { type: 'CancelLimit'; limitId: string };
