import { CcfEntry, Regime } from '../shared/policy';
import { Product } from '../drawdowns/drawdown.events';

export type CapitalEvent =
  | {
      type: 'NetCapitalDeclared';
      /**
       * `tier1NetCapital` (一级资本净额), the base of the 2018 caps (domain.md section 8), is declared with net capital
       * and replaces it on the same terms. Absent: the 2018 measures are not checked on the dates this declaration
       * is in force, and reads say so.
       */
      data: { asOf: string; netCapital: string; tier1NetCapital?: string };
    }
  | {
      type: 'PolicyChanged';
      /** The whole policy after the change, plus which settings the command changed. */
      data: {
        groupCapRatio: string;
        singleCustomerCapRatio: string;
        escalationThreshold: string;
        equityControlThreshold: string;
        /** 2018 regime (v2; v1 events are upcast to the defaults, which no v1 command could change). */
        regimes: Regime[];
        tier1SingleClientRatio: string;
        singleClientLoanRatio: string;
        tier1ConnectedGroupRatio: string;
        tier1InterbankRatio: string;
        largeExposureRatio: string;
        /** One entry per off-balance product: an array, never an object keyed by product. */
        ccf: CcfEntry[];
        /** When 'ccf' is in `changed`: the products whose factor the command set (the others kept theirs). */
        ccfProducts?: Product[];
        changed: string[];
      };
    };
