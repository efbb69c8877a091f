import { BookState, evolveOn, upcast, withBookIds } from '@groupcap/domain';
import { RecordedEvent } from '@groupcap/event-store';
import { IdempotencyIndex } from './idempotency-index';

/**
 * One recorded event applied as the writer applies the log: upcast to the current shape, evolved on its own
 * effective date, its command's key and command id remembered. Shared by the writer's catch-up and the
 * snapshot builder, so a snapshot built from the log is the state the writer itself would hold.
 */
export function replayEvent(state: BookState, recorded: RecordedEvent, idempotency: IdempotencyIndex, now: number): BookState {
  // Parsed afresh, the event's customer ids are copies: the book keeps its customers' own strings instead.
  const event = withBookIds(state, upcast(recorded.type, recorded.version, recorded.data));
  const next = evolveOn(recorded.metadata.effectiveDate)(state, event);
  idempotency.observe(recorded, event, now);
  return next;
}
