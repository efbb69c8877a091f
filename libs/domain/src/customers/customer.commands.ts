import { CustomerKind } from '../groups/group-graph';

export const CUSTOMER_KINDS: readonly CustomerKind[] = ['enterprise', 'financial-institution', 'individual', 'state-asset-regulator', 'sovereign'];

export interface RegisterCustomer {
  type: 'RegisterCustomer';
  customerId: string;
  name: string;
  kind: CustomerKind;
  creditCode?: string;
}
