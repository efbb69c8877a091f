import { CcfEntry, Regime } from '../shared/policy';

/** `tier1NetCapital` is optional: without it the 2018 caps are not checked while this declaration is in force. */
export type DeclareNetCapital = { type: 'DeclareNetCapital'; asOf: string; netCapital: string; tier1NetCapital?: string };

export type ChangePolicy = {
  type: 'ChangePolicy';
  groupCapRatio?: string;
  singleCustomerCapRatio?: string;
  escalationThreshold?: string;
  equityControlThreshold?: string;
  regimes?: Regime[];
  tier1SingleClientRatio?: string;
  singleClientLoanRatio?: string;
  tier1ConnectedGroupRatio?: string;
  tier1InterbankRatio?: string;
  largeExposureRatio?: string;
  /** The products named get the factors given; products not named keep theirs. */
  ccf?: CcfEntry[];
};
