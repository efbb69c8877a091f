import { updated } from '../book/id-map';
import { BookState, Limit, LimitVersion } from '../book/book.state';
import { parseMoney } from '../shared/money';
import { LimitEvent } from './limit.events';
import { BusinessDate, internedDate } from '../shared/business-date';
import { appended, withLastReplaced } from '../shared/held-array';

/** A new limit's "no terms yet": one for every limit. It is immutable, so sharing it is safe. */
const NO_TERMS: readonly LimitVersion[] = Object.freeze([]);

/** Writes a limit into both indexes (by id, and among its customer's limits), keeping them the same objects. */
export function putLimit(state: BookState, limit: Limit): BookState {
  const replace = (list: readonly Limit[] = []) => {
    const at = list.findIndex((l) => l.limitId === limit.limitId);
    return at < 0 ? appended(list, limit) : list.map((l, i) => (i === at ? limit : l));
  };
  return { ...state, limits: state.limits.set(limit.limitId, limit), limitsByCustomer: updated(state.limitsByCustomer, limit.customerId, replace) };
}

export function updateLimit(state: BookState, limitId: string, change: (limit: Limit) => Limit): BookState {
  const limit = state.limits.get(limitId);
  return limit ? putLimit(state, change(limit)) : state;
}

/**
 * The limit with its current terms recorded as the version in force from the date. Commands on a limit are
 * dated on or after its last change (limit.decide.ts), so versions arrive in date order; one of the same date
 * replaces the earlier.
 */
export function versioned(limit: Limit, from: BusinessDate): Limit {
  const { amount, validTo, status, requestedBy, pendingRenewal } = limit;
  const terms: LimitVersion = { from: internedDate(from), amount, validTo, status, requestedBy, pendingRenewal };
  const last = limit.terms.length === 0 ? undefined : limit.terms[limit.terms.length - 1];
  if (last === undefined || last.from < from) return { ...limit, terms: appended(limit.terms, terms) };
  if (last.from === from) return { ...limit, terms: withLastReplaced(limit.terms, terms) };
  // Only a log written before versions were kept in date order gets here.
  return { ...limit, terms: limit.terms.filter((t) => t.from < from).concat([terms], limit.terms.filter((t) => t.from > from)) };
}

export function evolveLimit(state: BookState, event: LimitEvent, effectiveDate: BusinessDate): BookState {
  const next = evolveTerms(state, event, effectiveDate);
  return updateLimit(next, event.data.limitId, (l) => versioned(l, effectiveDate));
}

function evolveTerms(state: BookState, event: LimitEvent, effectiveDate: BusinessDate): BookState {
  switch (event.type) {
    case 'LimitGranted':
    case 'LimitRequested': {
      const d = event.data;
      const pending = event.type === 'LimitRequested';
      // The customer's own id string, not the event's copy (a log's events are parsed afresh, each with its own).
      const limit: Limit = {
        limitId: d.limitId,
        customerId: state.customers.get(d.customerId)?.customerId ?? d.customerId,
        amount: parseMoney(d.amount),
        validFrom: internedDate(d.validFrom),
        validTo: internedDate(d.validTo),
        riskClass: d.riskClass,
        branch: d.branch,
        status: pending ? 'pending' : 'active',
        requestedBy: event.type === 'LimitRequested' ? event.data.requestedBy : null,
        pendingRenewal: null,
        outstanding: 0n,
        exposure: 0n,
        since: effectiveDate,
        terms: NO_TERMS,
        groupLimitId: d.groupLimitId ?? null,
      };
      return putLimit(state, limit);
    }
    case 'LimitRenewed':
      return updateLimit(state, event.data.limitId, (l) => ({ ...l, amount: parseMoney(event.data.amount), validTo: internedDate(event.data.validTo) }));
    case 'LimitRenewalRequested': {
      const { amount, validTo, requestedBy } = event.data;
      return updateLimit(state, event.data.limitId, (l) => ({ ...l, pendingRenewal: { amount: parseMoney(amount), validTo: internedDate(validTo), requestedBy } }));
    }
    case 'LimitApproved': {
      const { amount, validTo } = event.data;
      return updateLimit(state, event.data.limitId, (l) => ({
        ...l,
        status: 'active',
        amount: parseMoney(amount),
        validTo: internedDate(validTo),
        requestedBy: null,
        pendingRenewal: null,
      }));
    }
    case 'LimitRejected':
      return updateLimit(state, event.data.limitId, (l) =>
        event.data.request === 'grant' ? { ...l, status: 'rejected', requestedBy: null } : { ...l, pendingRenewal: null },
      );
    case 'LimitCancelled':
      return updateLimit(state, event.data.limitId, (l) => ({ ...l, status: 'cancelled', requestedBy: null, pendingRenewal: null }));
    default: {
      const unhandled: never = event;
      return unhandled;
    }
  }
}
