import { BookState } from '../book/book.state';
import { Refusal, refuse } from '../shared/refusal';
import { RegisterCustomer } from './customer.commands';
import { CustomerEvent } from './customer.events';
import { isValidCreditCode } from './credit-code';
import { CUSTOMER_KINDS } from './customer.commands';

export function decideRegisterCustomer(command: RegisterCustomer, state: BookState): CustomerEvent[] | Refusal {
  if (state.customers.has(command.customerId)) {
    return refuse('CUSTOMER_EXISTS', `customer ${command.customerId} is already registered`, { customerId: command.customerId });
  }
  if (!CUSTOMER_KINDS.includes(command.kind)) {
    return refuse('VALIDATION_FAILED', `kind must be one of ${CUSTOMER_KINDS.join(', ')}`, { kind: String(command.kind) });
  }
  if (command.name.trim() === '') return refuse('VALIDATION_FAILED', 'a customer needs a name', { name: command.name });
  if (command.creditCode !== undefined && !isValidCreditCode(command.creditCode)) {
    return refuse(
      'INVALID_CREDIT_CODE',
      `${command.creditCode} is not a valid unified social credit code (GB 32100: 18 characters with a matching check character)`,
      { creditCode: command.creditCode },
    );
  }
  // One legal person, one customer (domain.md section 1): a second id would split its credit past a cap.
  const holder = command.creditCode === undefined ? undefined : state.customerByCreditCode.get(command.creditCode);
  if (holder !== undefined) {
    return refuse('CREDIT_CODE_EXISTS', `unified social credit code ${command.creditCode} is already registered as customer ${holder}`, {
      creditCode: command.creditCode as string,
      customerId: holder,
    });
  }
  const { customerId, name, kind } = command;
  return [{ type: 'CustomerRegistered', data: { customerId, name, kind, creditCode: command.creditCode ?? null } }];
}
