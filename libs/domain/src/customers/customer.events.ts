import { CustomerKind } from '../groups/group-graph';

export type CustomerEvent = {
  type: 'CustomerRegistered';
  data: { customerId: string; name: string; kind: CustomerKind; creditCode: string | null };
};
