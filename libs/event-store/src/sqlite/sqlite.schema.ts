import Database from 'better-sqlite3';
import { privateDatabaseFile } from '../private-files';

/** Bumped by every migration; stored in `PRAGMA user_version`. */
// 2: idempotency_records, the first answers to Idempotency-Keys that recorded no event.
// 3: events.chain_hash (each event's link in its stream's hash chain) and audit_records (access and refusal records).
export const SCHEMA_VERSION = 3n;

export interface SqliteConnectionOptions {
  /** How long a writer waits for another process's write lock before giving up. */
  busyTimeoutMs: number;
}

/** Page cache of each connection to the log, in KiB (SQLite's negative cache_size). */
const EVENT_LOG_CACHE_KIB = 4096;

/** Opens the file, sets the pragmas durability depends on, and creates or migrates the schema. */
export function openEventsDatabase(file: string, options: SqliteConnectionOptions): Database.Database {
  // 0600 before SQLite opens it, so the -wal and -shm files it creates are 0600 as well.
  if (file !== ':memory:') privateDatabaseFile(file);
  const db = new Database(file);
  try {
    // Positions and revisions are 64-bit; reading them as JS numbers would silently round past 2^53.
    db.defaultSafeIntegers(true);
    // Set first so every later statement (including the WAL switch) waits for another process.
    db.pragma(`busy_timeout = ${options.busyTimeoutMs}`);
    // WAL: readers never block the writer and vice versa, so subscribers polling from other
    // processes do not stall appends.
    db.pragma('journal_mode = WAL');
    // FULL: each commit fsyncs the WAL before append() resolves. NORMAL would already survive
    // kill -9 (the OS keeps the written pages), but could lose the last commits on power loss,
    // and an acknowledged append must never be lost.
    db.pragma('synchronous = FULL');
    // better-sqlite3 builds SQLite with a 16 MB page cache per connection. The log is written at its end and read in
    // order (a start's catch-up, a subscription, a repeat's read-back), so few pages are read twice: the cache filled
    // with pages read once, growing a server's RSS with the log by up to 16 MB per connection (it has two). 4 MB keeps
    // the B-trees' inner pages and their right edges, where appends and the newest reads land.
    db.pragma(`cache_size = -${EVENT_LOG_CACHE_KIB}`);
    migrate(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

function migrate(db: Database.Database): void {
  // IMMEDIATE: two processes opening a fresh file at once must not both run the migration.
  db.transaction(() => {
    const version = db.pragma('user_version', { simple: true }) as bigint;
    if (version > SCHEMA_VERSION) {
      throw new Error(`events database schema ${version} is newer than this program understands (${SCHEMA_VERSION})`);
    }
    if (version < 1n) {
      // AUTOINCREMENT: a position is never handed out twice, even after the last row is gone.
      db.exec(`
        CREATE TABLE IF NOT EXISTS events (
          position  INTEGER PRIMARY KEY AUTOINCREMENT,
          stream_id TEXT    NOT NULL,
          revision  INTEGER NOT NULL,
          event_id  TEXT    NOT NULL UNIQUE,
          type      TEXT    NOT NULL,
          version   INTEGER NOT NULL,
          data      TEXT    NOT NULL,
          metadata  TEXT    NOT NULL,
          UNIQUE (stream_id, revision)
        );
      `);
    }
    if (version < 2n) {
      // A side table, not events: a refusal changes nothing in the book, and readers of the log never see it.
      // recorded_at is an ISO-8601 instant in one fixed format (toISOString), so text order is time order.
      db.exec(`
        CREATE TABLE IF NOT EXISTS idempotency_records (
          sequence     INTEGER PRIMARY KEY AUTOINCREMENT,
          stream_id    TEXT    NOT NULL,
          key          TEXT    NOT NULL,
          request_hash TEXT    NOT NULL,
          recorded_at  TEXT    NOT NULL,
          answer       TEXT    NOT NULL
        );
        CREATE INDEX IF NOT EXISTS idempotency_records_by_age ON idempotency_records (stream_id, recorded_at);
      `);
    }
    if (version < 3n) {
      // Events written before keep no link (verify --log counts them as unchained); every later one has one.
      // audit_records: kept as long as the log, never deleted; each row chained to the one before it.
      const chained = db.prepare(`SELECT 1 FROM pragma_table_info('events') WHERE name = 'chain_hash'`).get() !== undefined;
      if (!chained) db.exec('ALTER TABLE events ADD COLUMN chain_hash TEXT');
      db.exec(`
        CREATE TABLE IF NOT EXISTS audit_records (
          sequence      INTEGER PRIMARY KEY AUTOINCREMENT,
          record        TEXT    NOT NULL,
          previous_hash TEXT    NOT NULL,
          hash          TEXT    NOT NULL
        );
      `);
    }
    if (version < SCHEMA_VERSION) db.pragma(`user_version = ${SCHEMA_VERSION}`);
  }).immediate();
}
