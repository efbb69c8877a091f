export type DeclareNetCapital = { type: 'DeclareNetCapital'; asOf: string; netCapital: string };

export type ChangePolicy = {
  type: 'ChangePolicy';
  groupCapRatio?: string;
  singleCustomerCapRatio?: string;
  escalationThreshold?: string;
  equityControlThreshold?: string;
};
