import { EventStore } from './event-store.port';
import { EventStoreDbEventStore } from './eventstoredb/eventstoredb.event-store';
import { openSqliteEventStore } from './sqlite/open-sqlite-event-store';

export type EventStoreKind = 'sqlite' | 'eventstoredb';

/** Raised for settings the engine cannot start with; entry points print it and exit non-zero. */
export class EventStoreConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EventStoreConfigError';
  }
}

/**
 * The store every entry point (API, CLI, scripts) opens: the embedded SQLite file in `dataDir` by default,
 * or an EventStoreDB cluster with EVENT_STORE=eventstoredb and EVENTSTORE_CONNECTION_STRING.
 */
export function openEventStore(options: { dataDir: string; env?: NodeJS.ProcessEnv }): EventStore {
  const env = options.env ?? process.env;
  const kind = (env.EVENT_STORE ?? 'sqlite').trim() || 'sqlite';
  if (kind === 'sqlite') return openSqliteEventStore(options.dataDir);
  if (kind === 'eventstoredb') {
    const connectionString = env.EVENTSTORE_CONNECTION_STRING?.trim();
    if (!connectionString) {
      throw new EventStoreConfigError('EVENT_STORE=eventstoredb needs EVENTSTORE_CONNECTION_STRING, e.g. esdb://node1:2113,node2:2113,node3:2113?tls=true');
    }
    return new EventStoreDbEventStore(connectionString);
  }
  throw new EventStoreConfigError(`EVENT_STORE must be sqlite or eventstoredb, got "${kind}"`);
}
