import { Limit, availableOn, awaitingDecision, formatMoney } from '@groupcap/domain';
import { AsOfBook } from '../as-of/as-of-book';
import { CustomerReadModel, LimitReadModel } from '../read-models.port';
import { creditFigures, limitAsOf } from './credit-figures';


export function limitView(limit: Limit, date: string): LimitReadModel {
  const expired = limit.status === 'active' && date > limit.validTo;
  return {
    limitId: limit.limitId,
    customerId: limit.customerId,
    amount: formatMoney(limit.amount),
    validFrom: limit.validFrom,
    validTo: limit.validTo,
    riskClass: limit.riskClass,
    branch: limit.branch,
    status: expired ? 'expired' : limit.status,
    // Who asked for what awaits a decision (its grant or its renewal); null when nothing does.
    requestedBy: awaitingDecision(limit)?.requestedBy ?? null,
    pendingRenewal: limit.pendingRenewal && {
      amount: formatMoney(limit.pendingRenewal.amount),
      validTo: limit.pendingRenewal.validTo,
      requestedBy: limit.pendingRenewal.requestedBy,
    },
    outstanding: formatMoney(limit.outstanding),
    exposure: formatMoney(limit.exposure),
    available: formatMoney(availableOn(limit, date)),
    groupLimitId: limit.groupLimitId,
  };
}

/** The limits of a customer as of the book's date, by id. */
export function limitsOfCustomer(book: AsOfBook, customerId: string): LimitReadModel[] {
  const balances = new Map((book.balancesByCustomer.get(customerId) ?? []).map((b) => [b.limitId, b]));
  return (book.state.limitsByCustomer.get(customerId) ?? [])
    .map((l) => l.limitId)
    .sort()
    .map((limitId) => limitAsOf(book, limitId, balances.get(limitId)))
    .filter((limit): limit is Limit => limit !== undefined)
    .map((limit) => limitView(limit, book.date));
}

/** The customer as of the book's date; undefined before its registration takes effect. */
export function customerView(book: AsOfBook, customerId: string): CustomerReadModel | undefined {
  const customer = book.customers.get(customerId);
  if (!customer || customer.effective_date > book.date) return undefined;
  const limits = limitsOfCustomer(book, customerId);
  const figures = creditFigures(book, [customerId]);
  return {
    customerId,
    name: customer.name,
    kind: customer.kind,
    creditCode: customer.credit_code,
    groupId: book.groupOf.get(customerId) ?? null,
    limits,
    comprehensiveLimit: formatMoney(figures.comprehensiveLimit),
    outstanding: formatMoney(figures.outstanding),
    exposure: formatMoney(figures.exposure),
  };
}
