import { Limit, availableOn, awaitingDecision, compareIds, formatMoney } from '@groupcap/domain';
import { AsOfBook } from '../as-of/as-of-book';
import { CustomerReadModel, LimitListItemReadModel, LimitReadModel } from '../read-models.port';
import { approvalOutlook } from './approval-outlook.view';
import { creditFigures, limitAsOf } from './credit-figures';
import { Page, pageOf } from './paging';


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

/** The limits of a customer as of the book's date, with their balances then, by id. */
function limitsAsOf(book: AsOfBook, customerId: string): Limit[] {
  const balances = new Map((book.balancesByCustomer.get(customerId) ?? []).map((b) => [b.limitId, b]));
  return (book.state.limitsByCustomer.get(customerId) ?? [])
    .map((l) => l.limitId)
    .sort()
    .map((limitId) => limitAsOf(book, limitId, balances.get(limitId)))
    .filter((limit): limit is Limit => limit !== undefined);
}

/** The limits of a customer as of the book's date, by id. */
export function limitsOfCustomer(book: AsOfBook, customerId: string): LimitReadModel[] {
  return limitsAsOf(book, customerId).map((limit) => limitView(limit, book.date));
}

/** The same as list items, each with what approving it would do; the book must hold the customer's whole group. */
export function limitListItems(book: AsOfBook, customerId: string): LimitListItemReadModel[] {
  return limitsAsOf(book, customerId).map((limit) => ({ ...limitView(limit, book.date), ifApproved: approvalOutlook(book, limit) ?? null }));
}

/**
 * A grant or renewal awaiting a decision, what an approver's work queue (status=pending) lists: limitView names
 * its requester exactly then (the domain's awaitingDecision).
 */
export function awaitsDecision(limit: LimitReadModel): boolean {
  return limit.requestedBy !== null;
}

/** A page of the limits list asked for: the status (`pending`: awaiting a decision), its size, the last limit id of the page before. */
export interface LimitsPageQuery {
  status?: LimitReadModel['status'];
  limit: number;
  after?: string;
}

/**
 * A page of these customers' limits (every customer's the book holds limits of when none are named), by limit id, as
 * list items; the book must hold each customer's whole group.
 */
export function pageOfLimits(book: AsOfBook, query: LimitsPageQuery, customerIds: Iterable<string> = book.state.limitsByCustomer.keys()): Page<LimitListItemReadModel> {
  const { status, after } = query;
  const views = [...customerIds]
    .flatMap((customerId) => limitListItems(book, customerId))
    .filter((limit) => status === undefined || (status === 'pending' ? awaitsDecision(limit) : limit.status === status))
    .sort((a, b) => compareIds(a.limitId, b.limitId));
  return pageOf(views, query.limit, after === undefined ? undefined : (l) => compareIds(l.limitId, after) > 0, (l) => ({ limitId: l.limitId }));
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
