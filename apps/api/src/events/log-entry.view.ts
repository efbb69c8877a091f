import type { RecordedEvent } from '@groupcap/event-store';

/** A recorded event as JSON: positions and revisions are strings, bigint never reaches JSON.stringify. */
export function logEntryView(event: RecordedEvent) {
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
