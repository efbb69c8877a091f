import { BookState, evolveOn, upcast, withBookIds } from '@groupcap/domain';
import { RecordedEvent } from '@groupcap/event-store';
import { IdempotencyIndex } from './idempotency-index';

/**
 * One recorded event applied as the writer applies the log: upcast to the current shape, evolved on its own
 * effective date, its command's key and command id remembered: the writer's start and its catch-up after another
 * writer's appends.
 */
export function replayEvent(state: BookState, recorded: RecordedEvent, idempotency: IdempotencyIndex, now: number): BookState {
  // Parsed afresh, the event's customer ids are copies: the book keeps its customers' own strings instead.
  const event = withBookIds(state, upcast(recorded.type, recorded.version, recorded.data));
  const next = evolveOn(recorded.metadata.effectiveDate)(state, event);
  idempotency.observe(recorded, event, now);
  return next;
}
