import { Fen } from './money';

/** Bank policy (domain.md): every figure can be changed by an administrator's command. */
export interface Policy {
  groupCapRatio: string;
  singleCustomerCapRatio: string;
  escalationThreshold: Fen;
  equityControlThreshold: string;
}

export const DEFAULT_POLICY: Policy = {
  groupCapRatio: '0.15',
  singleCustomerCapRatio: '0.10',
  escalationThreshold: 6_600_000_000n, // CNY 66,000,000
  equityControlThreshold: '0.5',
};
