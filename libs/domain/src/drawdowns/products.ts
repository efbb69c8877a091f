import { Product } from './drawdown.events';

/** domain.md section 3: the report's on/off-balance split follows this table. */
const ON_BALANCE: ReadonlySet<Product> = new Set<Product>(['loan', 'trade-finance', 'discount', 'overdraft', 'factoring', 'interbank', 'bond']);
const OFF_BALANCE: ReadonlySet<Product> = new Set<Product>(['acceptance', 'letter-of-credit', 'guarantee', 'loan-commitment', 'derivative']);

export const PRODUCTS: readonly Product[] = [...ON_BALANCE, ...OFF_BALANCE];

export function isOnBalance(product: Product): boolean {
  return ON_BALANCE.has(product);
}
