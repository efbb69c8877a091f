import { EventStore } from './event-store.port';
import type * as EventStoreDb from './eventstoredb/eventstoredb.event-store';
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
    // Required here, not at the top: the gRPC client takes 0.1-0.2 s to load in every process and thread that opens
    // a store (the API's main thread and its projection and keeping threads, the CLI), and the embedded store needs none of it.
    const { EventStoreDbEventStore } = require('./eventstoredb/eventstoredb.event-store') as typeof EventStoreDb;
    return new EventStoreDbEventStore(connectionString);
  }
  throw new EventStoreConfigError(`EVENT_STORE must be sqlite or eventstoredb, got "${kind}"`);
}
