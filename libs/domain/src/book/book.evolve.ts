import { BookEvent } from './book.events';
import { BookState } from './book.state';
import { BusinessDate, internedDate } from '../shared/business-date';
import { evolveCapital } from '../capital/capital.evolve';
import { evolveCustomer } from '../customers/customer.evolve';
import { evolveRelation, isRelationEvent, withOwnIds } from '../relations/relation.evolve';
import { evolveLimit } from '../limits/limit.evolve';
import { evolveDrawdown } from '../drawdowns/drawdown.evolve';
import { evolveCap } from '../caps/cap.evolve';
import { evolveReport } from '../reports/report.evolve';
import { evolveLargeExposureReport } from '../large-exposures/large-exposure.filing';
import { withDate } from './book-on-date';
import { evolveGroupLimit, followMerge, recordAllocation } from '../group-limits/group-limit.evolve';

/** Events with no known effective date (tests built from bare events) count as effective from the start. */
export const SINCE_EVER = '0000-01-01';

/**
 * Pure: the state after one event that took effect on `effectiveDate` (the event's metadata). Replaying the
 * log is a fold of evolveOn(each event's effective date); `events.reduce(evolve, state)` treats them all as
 * effective from the start.
 */
export function evolveOn(given: BusinessDate): (state: BookState, event: BookEvent) => BookState {
  // Interned once here, so every fact the nouns' evolves date with it shares the one string (shared/business-date.ts).
  const effectiveDate = internedDate(given);
  return (state, event) => {
    const next = evolveEvent(state, event, effectiveDate);
    const dates = withDate(next.dates, heldFrom(event, effectiveDate));
    return dates === next.dates ? next : { ...next, dates };
  };
}

/** The business date from which an event's fact holds: its own `effectiveFrom` or `asOf` where it has one. */
export function heldFrom(event: BookEvent, effectiveDate: BusinessDate): BusinessDate {
  if (event.type === 'NetCapitalDeclared') return event.data.asOf;
  return ('effectiveFrom' in event.data ? event.data.effectiveFrom : undefined) ?? effectiveDate;
}

export const evolve: (state: BookState, event: BookEvent) => BookState = evolveOn(SINCE_EVER);

/**
 * A logged event as evolve takes it: the customer ids of a group change replaced by the customers' own strings
 * (relations/relation.evolve.ts withOwnIds), which evolve keys its maps by without looking each one up. The writer's
 * replay applies it to every event it reads (writer replay-event.ts); decide's events are made of the book's strings.
 */
export function withBookIds(state: BookState, event: BookEvent): BookEvent {
  // Any other event carries one customer id at most, which its evolve swaps for the customer's own where it keeps it
  // (limits, drawdowns).
  return isRelationEvent(event) ? withOwnIds(state, event) : event;
}

function evolveEvent(state: BookState, event: BookEvent, effectiveDate: BusinessDate): BookState {
  switch (event.type) {
    case 'NetCapitalDeclared':
    case 'PolicyChanged':
      return evolveCapital(state, event, effectiveDate);
    case 'CustomerRegistered':
      return evolveCustomer(state, event, effectiveDate);
    case 'RelationRecorded':
    case 'RelationRemoved':
    case 'GroupFormed':
    case 'GroupsMerged':
    case 'GroupSplit':
    case 'GroupMemberJoined':
    case 'GroupMemberLeft':
    case 'GroupDissolved':
      return followMerge(evolveRelation(state, event, effectiveDate), event, effectiveDate);
    case 'LimitGranted':
    case 'LimitRequested':
    case 'LimitRenewed':
    case 'LimitRenewalRequested':
    case 'LimitApproved':
    case 'LimitRejected':
    case 'LimitCancelled':
      return recordAllocation(evolveLimit(state, event, effectiveDate), event);
    case 'DrawdownBooked':
    case 'RepaymentBooked':
      return evolveDrawdown(state, event, effectiveDate);
    case 'CapBreached':
    case 'CapBreachCured':
      return evolveCap(state, event, effectiveDate);
    case 'LargeCreditReportFiled':
      return evolveReport(state, event);
    case 'LargeExposureReportFiled':
      return evolveLargeExposureReport(state, event);
    case 'GroupLimitRequested':
    case 'GroupLimitApproved':
    case 'GroupLimitRejected':
    case 'GroupLimitRenewalRequested':
    case 'GroupLimitCancelled':
    case 'GroupLimitReallocated':
      return evolveGroupLimit(state, event, effectiveDate);
    default: {
      const unhandled: never = event;
      return unhandled;
    }
  }
}
