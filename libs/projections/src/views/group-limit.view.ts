import { GroupLimit, allocatedOn, allocatedOutstandingOn, formatMoney, groupLimitOn, groupLimitsOfGroupOn, groupOfGroupLimitOn, maxFen } from '@groupcap/domain';
import { AsOfBook } from '../as-of/as-of-book';
import { GroupLimitAllocationReadModel, GroupLimitReadModel, GroupLimitSummary } from '../read-models.port';
import { asOfDate } from './credit-figures';

export function groupLimitSummary(g: GroupLimit, date: string): GroupLimitSummary {
  // Expired: approved, past its end, with no renewal pending (a pending renewal carries it forward).
  const expired = g.status === 'active' && date > g.validTo && g.pendingRenewal === null;
  return {
    groupLimitId: g.groupLimitId,
    amount: formatMoney(g.amount),
    validFrom: g.validFrom,
    validTo: g.validTo,
    status: expired ? 'expired' : g.status,
    pendingRenewal: g.pendingRenewal && { amount: formatMoney(g.pendingRenewal.amount), validTo: g.pendingRenewal.validTo, requestedBy: g.pendingRenewal.requestedBy },
  };
}

/** The group's group limits on the book's date, for the group view. */
export function groupLimitsOfGroup(book: AsOfBook, groupId: string): GroupLimitSummary[] {
  return groupLimitsOfGroupOn(book.state, groupId, book.date).map((g) => groupLimitSummary(g, book.date));
}

/**
 * The group limit as of the book's date (loaded with its allocations' customers in scope): its terms, each
 * allocation with what it has drawn and what is left, and the totals the domain counts (allocatedOn,
 * allocatedOutstandingOn): only allocations of members of its group then are inside it.
 */
export function groupLimitView(book: AsOfBook, groupLimitId: string): GroupLimitReadModel | undefined {
  const stored = book.state.groupLimits.get(groupLimitId);
  const g = stored && groupLimitOn(stored, book.date);
  if (!g) return undefined;
  const on = asOfDate(book);
  const groupId = groupOfGroupLimitOn(g, book.date) as string;
  const allocations: GroupLimitAllocationReadModel[] = [];
  for (const limitId of g.allocationIds) {
    const limit = on.limit(limitId);
    if (!limit) continue;
    const expired = limit.status === 'active' && book.date > limit.validTo;
    allocations.push({
      limitId,
      customerId: limit.customerId,
      amount: formatMoney(limit.amount),
      status: expired ? 'expired' : limit.status,
      outstanding: formatMoney(limit.outstanding),
      unused: formatMoney(maxFen(0n, limit.amount - limit.outstanding)),
      inGroupLimit: on.groupOf(limit.customerId) === groupId,
    });
  }
  const allocated = allocatedOn(g, on);
  const used = allocatedOutstandingOn(g, on);
  return {
    ...groupLimitSummary(g, book.date),
    groupId,
    requestedBy: g.requestedBy,
    allocations,
    allocated: formatMoney(allocated),
    unallocated: formatMoney(maxFen(0n, g.amount - allocated)),
    used: formatMoney(used),
    unused: formatMoney(maxFen(0n, g.amount - used)),
  };
}
