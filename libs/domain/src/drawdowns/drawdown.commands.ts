import { Product } from './drawdown.events';

export type BookDrawdown = { type: 'BookDrawdown'; drawdownId: string; limitId: string; amount: string; product: Product; margin?: string };
export type BookRepayment = { type: 'BookRepayment'; drawdownId: string; amount: string };
