import { BookState } from '../book/book.state';
import { parseMoney } from '../shared/money';
import { CapitalEvent } from './capital.events';

export function evolveCapital(state: BookState, event: CapitalEvent): BookState {
  switch (event.type) {
    case 'NetCapitalDeclared': {
      const declaration = { asOf: event.data.asOf, netCapital: parseMoney(event.data.netCapital) };
      // A re-declaration for the same date replaces the earlier figure.
      const others = state.capital.filter((d) => d.asOf !== declaration.asOf);
      return { ...state, capital: others.push(declaration).sortBy((d) => d.asOf) };
    }
    case 'PolicyChanged': {
      const { groupCapRatio, singleCustomerCapRatio, escalationThreshold, equityControlThreshold } = event.data;
      return {
        ...state,
        policy: { groupCapRatio, singleCustomerCapRatio, escalationThreshold: parseMoney(escalationThreshold), equityControlThreshold },
      };
    }
    default: {
      const unhandled: never = event;
      return unhandled;
    }
  }
}
