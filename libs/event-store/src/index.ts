
export * from './event-store.port';
export * from './event-store.errors';
export { eventIdGenerator, newEventId } from './event-id';
export type { EventIdGenerator, RandomFill } from './event-id';
export { SqliteEventStore } from './sqlite/sqlite.event-store';
export type { SqliteEventStoreOptions } from './sqlite/sqlite.event-store';

export * from './open-event-store';
export { openSqliteEventStore } from './sqlite/open-sqlite-event-store';
// The EventStoreDB store only through openEventStore (EVENT_STORE=eventstoredb), which loads its gRPC client on that path alone.
export type { EventStoreDbEventStoreOptions } from './eventstoredb/eventstoredb.event-store';
export type { ResubscribeOptions } from './eventstoredb/eventstoredb.subscription';
export * from './chain/hash-chain';
export * from './chain/chain.port';
export * from './chain/verify-chain';
export { privateDirectory, privateDatabaseFile, PRIVATE_DIRECTORY_MODE, PRIVATE_FILE_MODE } from './private-files';
