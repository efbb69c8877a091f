import { BOOK_STREAM, BookEvent, upcast } from '@groupcap/domain';
import { EventStore, RecordedEvent, StreamNotFoundError } from '@groupcap/event-store';

/** One event of the book in today's shape, with the record around it. */
export interface BookLogEntry {
  recorded: RecordedEvent;
  event: BookEvent;
}

/** The book's events in log order, upcast to today's versions; nothing when the book has no events yet. */
export async function* bookEntries(store: EventStore): AsyncIterable<BookLogEntry> {
  try {
    for await (const recorded of store.readStream(BOOK_STREAM)) yield { recorded, event: upcast(recorded.type, recorded.version, recorded.data) };
  } catch (error) {
    if (!(error instanceof StreamNotFoundError)) throw error;
  }
}

/** The book's events grouped by the command that recorded them (they are contiguous and share a command id). */
export async function* bookCommands(store: EventStore): AsyncIterable<BookLogEntry[]> {
  let current: BookLogEntry[] = [];
  for await (const entry of bookEntries(store)) {
    if (current.length > 0 && current[0].recorded.metadata.commandId !== entry.recorded.metadata.commandId) {
      yield current;
      current = [];
    }
    current.push(entry);
  }
  if (current.length > 0) yield current;
}
