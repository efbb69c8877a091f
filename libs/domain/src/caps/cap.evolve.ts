import { Map as IMap } from 'immutable';
import { BookState } from '../book/book.state';
import { subjectKey } from '../book/subject';
import { parseMoney } from '../shared/money';
import { CapEvent } from './cap.events';

export function evolveCap(state: BookState, event: CapEvent): BookState {
  const key = subjectKey(event.data);
  switch (event.type) {
    case 'CapBreached': {
      const open = { measure: parseMoney(event.data.measure), cap: parseMoney(event.data.cap) };
      return { ...state, breaches: state.breaches.update(key, IMap(), (b) => b.set(event.data.basis, open)) };
    }
    case 'CapBreachCured': {
      const remaining = (state.breaches.get(key) ?? IMap()).remove(event.data.basis);
      return { ...state, breaches: remaining.isEmpty() ? state.breaches.remove(key) : state.breaches.set(key, remaining) };
    }
    default: {
      const unhandled: never = event;
      return unhandled;
    }
  }
}
