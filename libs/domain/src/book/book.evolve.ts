import { BookEvent } from './book.events';
import { BookState } from './book.state';
import { evolveCapital } from '../capital/capital.evolve';
import { evolveCustomer } from '../customers/customer.evolve';
import { evolveRelation } from '../relations/relation.evolve';
import { evolveLimit } from '../limits/limit.evolve';
import { evolveDrawdown } from '../drawdowns/drawdown.evolve';
import { evolveCap } from '../caps/cap.evolve';
import { evolveReport } from '../reports/report.evolve';

/** Pure: the state after one event. Replaying the log is `events.reduce(evolve, initialBookState)`. */
export function evolve(state: BookState, event: BookEvent): BookState {
  switch (event.type) {
    case 'NetCapitalDeclared':
    case 'PolicyChanged':
      return evolveCapital(state, event);
    case 'CustomerRegistered':
      return evolveCustomer(state, event);
    case 'RelationRecorded':
    case 'RelationRemoved':
    case 'GroupFormed':
    case 'GroupsMerged':
    case 'GroupSplit':
    case 'GroupMemberJoined':
    case 'GroupMemberLeft':
    case 'GroupDissolved':
      return evolveRelation(state, event);
    case 'LimitGranted':
    case 'LimitRequested':
    case 'LimitRenewed':
    case 'LimitRenewalRequested':
    case 'LimitApproved':
    case 'LimitRejected':
    case 'LimitCancelled':
      return evolveLimit(state, event);
    case 'DrawdownBooked':
    case 'RepaymentBooked':
      return evolveDrawdown(state, event);
    case 'CapBreached':
    case 'CapBreachCured':
      return evolveCap(state, event);
    case 'LargeCreditReportFiled':
      return evolveReport(state, event);
    default: {
      const unhandled: never = event;
      return unhandled;
    }
  }
}
