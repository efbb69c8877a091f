import type { RecordedEvent } from '@groupcap/event-store';
import type { LogEntry } from '@groupcap/projections';

/** The read side's LogEntry plus what identifies the event in its stream. */
export interface LogEntryView extends LogEntry {
  revision: string;
  id: string;
}

/** A recorded event as JSON: positions and revisions are strings, bigint never reaches JSON.stringify. */
export function logEntryView(event: RecordedEvent): LogEntryView {
  return {
    position: event.position.toString(),
    type: event.type,
    version: event.version,
    streamId: event.streamId,
    revision: event.revision.toString(),
    id: event.id,
    data: event.data,
    metadata: event.metadata,
  };
}
