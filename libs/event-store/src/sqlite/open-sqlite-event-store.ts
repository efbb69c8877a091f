import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { SqliteEventStore, SqliteEventStoreOptions } from './sqlite.event-store';

/** The embedded store at `<dataDir>/events.db`, creating the directory if needed. */
export function openSqliteEventStore(dataDir: string, options?: SqliteEventStoreOptions): SqliteEventStore {
  mkdirSync(dataDir, { recursive: true });
  return new SqliteEventStore(join(dataDir, 'events.db'), options);
}
