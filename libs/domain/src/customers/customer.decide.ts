import { BookState } from '../book/book.state';
import { Refusal, refuse } from '../shared/refusal';
import { RegisterCustomer } from './customer.commands';
import { CustomerEvent } from './customer.events';
import { isValidCreditCode } from './credit-code';

export function decideRegisterCustomer(command: RegisterCustomer, state: BookState): CustomerEvent[] | Refusal {
  if (state.customers.has(command.customerId)) {
    return refuse('CUSTOMER_EXISTS', `customer ${command.customerId} is already registered`, { customerId: command.customerId });
  }
  if (command.creditCode !== undefined && !isValidCreditCode(command.creditCode)) {
    return refuse(
      'INVALID_CREDIT_CODE',
      `${command.creditCode} is not a valid unified social credit code (GB 32100: 18 characters with a matching check character)`,
      { creditCode: command.creditCode },
    );
  }
  const { customerId, name, kind } = command;
  return [{ type: 'CustomerRegistered', data: { customerId, name, kind, creditCode: command.creditCode ?? null } }];
}
