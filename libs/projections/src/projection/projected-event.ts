import { BookEvent, upcast } from '@groupcap/domain';
import { RecordedEvent } from '@groupcap/event-store';

/** Today's shape of a stored book event; an event this build cannot read stops the projection (it would project wrong figures). */
export function decodeEvent(recorded: RecordedEvent): BookEvent {
  return upcast(recorded.type, recorded.version, recorded.data);
}
