import { BookState } from '../book/book.state';
import { CustomerEvent } from './customer.events';

export function evolveCustomer(state: BookState, event: CustomerEvent): BookState {
  const { customerId, name, kind, creditCode } = event.data;
  return { ...state, customers: state.customers.set(customerId, { customerId, name, kind, creditCode }) };
}
