export type Product =
  | 'loan' | 'trade-finance' | 'discount' | 'overdraft' | 'factoring' | 'interbank' | 'bond'
  | 'acceptance' | 'letter-of-credit' | 'guarantee' | 'loan-commitment' | 'derivative';

export type DrawdownEvent =
  | {
      type: 'DrawdownBooked';
      data: { drawdownId: string; limitId: string; customerId: string; product: Product; amount: string; margin: string; exposure: string };
    }
  | {
      type: 'RepaymentBooked';
      data: { drawdownId: string; limitId: string; customerId: string; amount: string; outstandingAfter: string; exposureAfter: string };
    };
