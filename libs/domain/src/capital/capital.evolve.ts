import { BookState } from '../book/book.state';
import { BusinessDate } from '../shared/business-date';
import { parseMoney } from '../shared/money';
import { Policy, POLICY_SETTINGS, withPolicyChange } from '../shared/policy';
import { CapitalEvent } from './capital.events';
import { withDate } from '../book/book-on-date';

export function evolveCapital(state: BookState, event: CapitalEvent, effectiveDate: BusinessDate): BookState {
  switch (event.type) {
    case 'NetCapitalDeclared': {
      const declaration = { asOf: event.data.asOf, netCapital: parseMoney(event.data.netCapital) };
      // A re-declaration for the same date replaces the earlier figure.
      const others = state.capital.filter((d) => d.asOf !== declaration.asOf);
      return { ...state, capital: others.push(declaration).sortBy((d) => d.asOf) };
    }
    case 'PolicyChanged': {
      // Only the settings the command named: the rest of the event's policy is the picture on its date.
      const changes: Partial<Policy> = {};
      for (const setting of POLICY_SETTINGS) {
        if (!event.data.changed.includes(setting)) continue;
        if (setting === 'escalationThreshold') changes.escalationThreshold = parseMoney(event.data.escalationThreshold);
        else changes[setting] = event.data[setting];
      }
      const policyChanges = withPolicyChange(state.policyChanges, { effectiveDate, changes });
      // A new control threshold regroups from its date on (relations/regroup.ts).
      const groupingDates = changes.equityControlThreshold === undefined ? state.groupingDates : withDate(state.groupingDates, effectiveDate);
      return { ...state, policyChanges, groupingDates };
    }
    default: {
      const unhandled: never = event;
      return unhandled;
    }
  }
}
