import { join } from 'node:path';
import { privateDirectory } from '../private-files';
import { SqliteEventStore, SqliteEventStoreOptions } from './sqlite.event-store';

/** The embedded store at `<dataDir>/events.db`, creating the directory (0700) if needed. */
export function openSqliteEventStore(dataDir: string, options?: SqliteEventStoreOptions): SqliteEventStore {
  privateDirectory(dataDir);
  return new SqliteEventStore(join(dataDir, 'events.db'), options);
}
