export type CapitalEvent =
  | { type: 'NetCapitalDeclared'; data: { asOf: string; netCapital: string } }
  | {
      type: 'PolicyChanged';
      /** The whole policy after the change, plus which settings the command changed. */
      data: {
        groupCapRatio: string;
        singleCustomerCapRatio: string;
        escalationThreshold: string;
        equityControlThreshold: string;
        changed: string[];
      };
    };
