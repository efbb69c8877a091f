import { BookState } from '../book/book.state';
import { BusinessDate } from '../shared/business-date';
import { CustomerEvent } from './customer.events';

export function evolveCustomer(state: BookState, event: CustomerEvent, effectiveDate: BusinessDate): BookState {
  const { customerId, name, kind, creditCode } = event.data;
  return {
    ...state,
    customers: state.customers.registered({ customerId, name, kind, creditCode, since: effectiveDate }),
    customerByCreditCode: creditCode === null ? state.customerByCreditCode : state.customerByCreditCode.set(creditCode, customerId),
  };
}
