
export * from './event-store.port';
export * from './event-store.errors';
export { SqliteEventStore } from './sqlite/sqlite.event-store';
export type { SqliteEventStoreOptions } from './sqlite/sqlite.event-store';

export * from './open-event-store';
export { openSqliteEventStore } from './sqlite/open-sqlite-event-store';
