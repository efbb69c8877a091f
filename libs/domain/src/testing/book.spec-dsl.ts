import { BookCommand, CommandContext, Role } from '../book/book.commands';
import { BookEvent } from '../book/book.events';
import { BookState, initialBookState } from '../book/book.state';
import { evolve } from '../book/book.evolve';
import { decide, decideAndEvolve } from '../book/book.decide';
import { Refusal, RefusalCode, isRefusal } from '../shared/refusal';

/**
 * given(events).when(command).then(events): decider specs with no I/O. The context defaults to an officer
 * acting today (2026-03-31) with that as the effective date.
 */
export const TODAY = '2026-03-31';

export function ctx(overrides: Partial<Omit<CommandContext, 'actor'>> & { userId?: string; roles?: Role[] } = {}): CommandContext {
  return {
    actor: { userId: overrides.userId ?? 'officer-1', roles: overrides.roles ?? ['officer'] },
    effectiveDate: overrides.effectiveDate ?? overrides.today ?? TODAY,
    today: overrides.today ?? TODAY,
  };
}

export function stateFrom(events: readonly BookEvent[]): BookState {
  return events.reduce(evolve, initialBookState);
}

export function given(...history: (BookEvent | readonly BookEvent[])[]) {
  const events = history.flat() as BookEvent[];
  const state = stateFrom(events);
  return {
    state,
    when(command: BookCommand, context: CommandContext = ctx()) {
      const decision = decide(command, state, context);
      return {
        decision,
        /** The exact events, in order. */
        then(expected: BookEvent[]): void {
          if (isRefusal(decision)) throw new Error(`expected events, got refusal ${decision.code}: ${decision.message}`);
          expect(decision).toEqual(expected);
        },
        /** The events must include these (in this order), e.g. to look at a breach among group changes. */
        thenIncludes(expected: BookEvent[]): void {
          if (isRefusal(decision)) throw new Error(`expected events, got refusal ${decision.code}: ${decision.message}`);
          expect(decision).toEqual(expect.arrayContaining(expected));
        },
        thenRefused(code: RefusalCode, details?: Record<string, unknown>): Refusal {
          if (!isRefusal(decision)) throw new Error(`expected refusal ${code}, got events ${JSON.stringify(decision.map((e) => e.type))}`);
          expect(decision.code).toBe(code);
          if (details) expect(decision.details).toMatchObject(details);
          return decision;
        },
      };
    },
  };
}

/** The state after a command's events (each effective on the command's date), to chain scenarios. */
export function accept(state: BookState, command: BookCommand, context: CommandContext = ctx()): { state: BookState; events: BookEvent[] } {
  const decided = decideAndEvolve(command, state, context);
  if (isRefusal(decided)) throw new Error(`refused ${decided.code}: ${decided.message}`);
  return decided;
}
