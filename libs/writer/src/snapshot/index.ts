export * from './snapshot.store';
export { FileSnapshotStore, snapshotDirectory } from './file-snapshot.store';
export type { FileSnapshotStoreOptions } from './file-snapshot.store';
export { SNAPSHOT_SCHEMA_VERSION } from './writer-snapshot.codec';
