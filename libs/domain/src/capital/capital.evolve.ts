import { BookState } from '../book/book.state';
import { BusinessDate } from '../shared/business-date';
import { parseMoney } from '../shared/money';
import { Policy, POLICY_SETTINGS, withPolicyChange } from '../shared/policy';
import { CapitalEvent } from './capital.events';
import { withDate } from '../book/book-on-date';

export function evolveCapital(state: BookState, event: CapitalEvent, effectiveDate: BusinessDate): BookState {
  switch (event.type) {
    case 'NetCapitalDeclared': {
      const { asOf, netCapital, tier1NetCapital } = event.data;
      const declaration = { asOf, netCapital: parseMoney(netCapital), tier1NetCapital: tier1NetCapital === undefined ? null : parseMoney(tier1NetCapital) };
      // A re-declaration for the same date replaces the earlier figures (both of them: a declaration without tier-1
      // says the 2018 regime is not measured from that date).
      const others = state.capital.filter((d) => d.asOf !== declaration.asOf);
      return { ...state, capital: others.push(declaration).sortBy((d) => d.asOf) };
    }
    case 'PolicyChanged': {
      // Only the settings the command named: the rest of the event's policy is the picture on its date.
      const changes: Partial<Policy> = {};
      const data = event.data;
      for (const setting of POLICY_SETTINGS) {
        if (!data.changed.includes(setting)) continue;
        switch (setting) {
          case 'escalationThreshold':
            changes.escalationThreshold = parseMoney(data.escalationThreshold);
            break;
          case 'regimes':
            changes.regimes = data.regimes;
            break;
          case 'ccf': {
            // Only the products the command set: a back-dated change to one product leaves later changes to others.
            const named = data.ccfProducts;
            changes.ccf = named === undefined ? data.ccf : data.ccf.filter((c) => named.includes(c.product));
            break;
          }
          default:
            changes[setting] = data[setting];
        }
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
