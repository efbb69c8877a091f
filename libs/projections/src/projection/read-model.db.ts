import Database from 'better-sqlite3';
import { closeSync, existsSync, fsyncSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { privateDatabaseFile, privateDirectory } from '@groupcap/event-store';
import type { KeptTables } from '../as-of/kept-dates';

/** Bumped by every change of the tables below; a read-model database of another version is rebuilt from the log. */
// 4: group_limit_events (group unified credit).
// 5: the 2018 large-exposure regime: relation_events, drawdowns.margin, breach_events.regime and its subject,
//    filed_large_exposure_reports.
// 6: the large-credit report's rows kept per quarter end (kept_report_dates, kept_report_rows, kept_report_stale).
// 7: relation_events indexed by each end (the scoped read of a 2018 breach's customers).
// 8: kept_report_rows keeps the comprehensive limit's fen inside the row's JSON, not in a column of its own; the
//    groups list's views kept for the business date (kept_group_dates, kept_group_views, kept_group_stale); limit
//    requests and grants under a group limit indexed (limit_events_requests, limit_events_by_group_limit).
// 9: the kept dates' state (computing or kept): a date's rows are computed outside the write lock; the report's rows
//    kept for the business date too.
// 10: the kept dates' computing token in place of the state (as-of/kept-dates.ts): two computations of one date,
//    a read's and the keeping thread's, do not put each other's rows.
// 11: customers keep their id, name and credit code folded as the customers list's search folds them (folded_*).
export const READ_MODEL_SCHEMA_VERSION = 11n;

export const READ_MODEL_FILE = 'read-models.db';

/**
 * Page cache of a connection that only reads read-models.db beside the projection's thread (the reads', the keeping
 * thread's), in KiB (SQLite's negative cache_size): a read of one subject touches a few pages, a whole-book read more
 * than any cache holds, so SQLite's 16 MB default only grew the server's RSS with the file.
 */
export const READER_CACHE_KIB = 4096;

/**
 * Every table is effective-dated: a row says what an event did and from which business date (its
 * metadata.effectiveDate) at which log position, so "as of D" is a WHERE clause, not a replay.
 * Money is INTEGER fen, read back as bigint (safe integers), never a float.
 */
const TABLES = `
  CREATE TABLE checkpoint (
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    position INTEGER
  );
  INSERT INTO checkpoint (id, position) VALUES (1, NULL);

  -- folded_*: the id, the name and the credit code ('' for none) in lower case as JS's toLowerCase makes it (any
  -- letter, where SQLite's lower() folds ASCII only): the customers list's search (customersPage) matches them in SQL.
  CREATE TABLE customers (
    customer_id    TEXT PRIMARY KEY,
    name           TEXT NOT NULL,
    kind           TEXT NOT NULL,
    credit_code    TEXT,
    effective_date TEXT NOT NULL,
    position       INTEGER NOT NULL,
    folded_id      TEXT NOT NULL,
    folded_name    TEXT NOT NULL,
    folded_code    TEXT NOT NULL
  );

  -- Which group a customer belongs to from effective_date on (NULL: standalone): the event's effectiveFrom, else
  -- its command's date; the latest date on or before D holds on D (ties: log position). command_id: the command that
  -- moved it, whose later events (a cure its departure caused) still belong to its history of the old group.
  CREATE TABLE memberships (
    customer_id    TEXT NOT NULL,
    position       INTEGER NOT NULL,
    effective_date TEXT NOT NULL,
    group_id       TEXT,
    command_id     TEXT NOT NULL,
    PRIMARY KEY (customer_id, position)
  ) WITHOUT ROWID;
  CREATE INDEX memberships_by_group ON memberships (group_id, customer_id);

  CREATE TABLE group_names (
    group_id       TEXT NOT NULL,
    position       INTEGER NOT NULL,
    effective_date TEXT NOT NULL,
    name           TEXT NOT NULL,
    PRIMARY KEY (group_id, position)
  ) WITHOUT ROWID;

  -- Limit events as recorded; the domain's evolve folds them (only theirs, only up to D) into a limit.
  CREATE TABLE limit_events (
    position       INTEGER PRIMARY KEY,
    limit_id       TEXT NOT NULL,
    customer_id    TEXT NOT NULL,
    effective_date TEXT NOT NULL,
    type           TEXT NOT NULL,
    data           TEXT NOT NULL
  );
  CREATE INDEX limit_events_by_customer ON limit_events (customer_id, position);
  -- The requests alone (the approvers' queue, as-of.queries.ts awaitingDecision): a few among the book's limit events.
  CREATE INDEX limit_events_requests ON limit_events (position) WHERE type IN ('LimitRequested', 'LimitRenewalRequested');
  -- Grants under a group limit by it (as-of.queries.ts allocatedCustomers: a group limit's read, the group-limit queue).
  CREATE INDEX limit_events_by_group_limit ON limit_events (json_extract(data, '$.groupLimitId')) WHERE type = 'LimitGranted';

  -- Group-limit events as recorded, and merges stripped of their members (group_limit_id ''): the domain's evolve
  -- folds them, in log order with limit_events, into the group limits (terms, group, allocations) up to D.
  CREATE TABLE group_limit_events (
    position       INTEGER PRIMARY KEY,
    group_limit_id TEXT NOT NULL,
    effective_date TEXT NOT NULL,
    type           TEXT NOT NULL,
    data           TEXT NOT NULL
  );

  -- Relations recorded and removed, as recorded: those in force on D (recorded, not yet removed, on or before D) are the
  -- graph the 2018 regime's connected groups are read from (economic-dependence joins clients for that measure only).
  CREATE TABLE relation_events (
    position       INTEGER PRIMARY KEY,
    relation_id    TEXT NOT NULL,
    from_id        TEXT NOT NULL,
    to_id          TEXT NOT NULL,
    relation_type  TEXT NOT NULL,
    share          TEXT,
    removed        INTEGER NOT NULL,
    effective_date TEXT NOT NULL
  );
  -- The relations touching given customers (the scoped read of GET /breaches' 2018 subjects, as-of.queries.ts).
  CREATE INDEX relation_events_by_from ON relation_events (from_id);
  CREATE INDEX relation_events_by_to ON relation_events (to_id);

  -- Each limit's branch, and each drawdown's cover, which its repayments' movements need.
  CREATE TABLE limits (
    limit_id    TEXT PRIMARY KEY,
    customer_id TEXT NOT NULL,
    branch      TEXT
  );
  -- covered: what the booking left unexposed (margin, or all of it for low-risk business); the exposure on a
  -- date is what is outstanding then beyond it (the domain's exposureLeft), whatever order repayments came in.
  CREATE TABLE drawdowns (
    drawdown_id TEXT PRIMARY KEY,
    limit_id    TEXT NOT NULL,
    customer_id TEXT NOT NULL,
    product     TEXT NOT NULL,
    covered     INTEGER NOT NULL,
    -- The cash margin booked with it, kept as booked; the 2018 measure deducts \`covered\`, as the write model does.
    margin      INTEGER NOT NULL
  );

  -- Nominal movements: summing those effective on or before D gives what each drawdown had outstanding on D.
  CREATE TABLE movements (
    position       INTEGER PRIMARY KEY,
    drawdown_id    TEXT NOT NULL,
    limit_id       TEXT NOT NULL,
    customer_id    TEXT NOT NULL,
    product        TEXT NOT NULL,
    branch         TEXT,
    effective_date TEXT NOT NULL,
    outstanding    INTEGER NOT NULL
  );
  CREATE INDEX movements_by_customer ON movements (customer_id, effective_date);
  CREATE INDEX movements_by_date ON movements (effective_date);

  -- Net capital declarations and policy changes, as recorded (the domain's evolve folds them).
  CREATE TABLE settings_events (
    position       INTEGER PRIMARY KEY,
    effective_date TEXT NOT NULL,
    type           TEXT NOT NULL,
    data           TEXT NOT NULL
  );

  -- Breaches and cures of both regimes: regime 'cbrc-2010' (bases limit, exposure; a group or standalone customer)
  -- or 'nfra-2018' (the four 2018 bases; any client, or a connected group named by its anchor, with its members
  -- on that date as JSON). The bases of the two regimes differ, so (subject_key, basis) keeps them apart.
  CREATE TABLE breach_events (
    position       INTEGER PRIMARY KEY,
    subject_key    TEXT NOT NULL,
    regime         TEXT NOT NULL,
    group_id       TEXT,
    customer_id    TEXT,
    connected_group_id TEXT,
    members        TEXT,
    basis          TEXT NOT NULL,
    breached       INTEGER NOT NULL,
    measure        TEXT NOT NULL,
    cap            TEXT NOT NULL,
    effective_date TEXT NOT NULL
  );
  CREATE INDEX breach_events_by_subject ON breach_events (subject_key, basis, position);

  CREATE TABLE filed_reports (
    as_of       TEXT PRIMARY KEY,
    position    INTEGER NOT NULL,
    filed_at    TEXT NOT NULL,
    filed_by    TEXT NOT NULL,
    net_capital TEXT,
    rows        TEXT NOT NULL
  );

  -- The G14 large-exposure report (domain.md section 8) as filed: its figures and rows frozen, in yuan (JSON).
  CREATE TABLE filed_large_exposure_reports (
    as_of       TEXT PRIMARY KEY,
    position    INTEGER NOT NULL,
    filed_at    TEXT NOT NULL,
    filed_by    TEXT NOT NULL,
    figures     TEXT NOT NULL,
    rows        TEXT NOT NULL
  );

  -- The large-credit report's current rows kept per quarter end asked for, and for the business date
  -- (reports/large-credit.kept.ts): not effective-dated but as of the checkpoint, since the projection marks in each
  -- batch what its events made stale (a customer, or the whole date, which is then deleted). Left out of dumps: they
  -- depend on what was asked. A date's computing column: the token of the computation whose rows are not all put yet
  -- (as-of/kept-dates.ts), NULL once they are; the projection marks such a date stale meanwhile, and a date left
  -- computing by a crash is computed again.
  CREATE TABLE kept_report_dates (
    as_of     TEXT PRIMARY KEY,
    computing TEXT
  );
  -- One row per subject, as JSON: the row without its rank (its values in field order), its members on the date
  -- ([customer id, name, credit code]; a standalone customer alone), then the figure it is ranked by (fen, as
  -- digits). A date's rows are read as the rows joined by commas, with no other work per row in SQL (large-credit.kept.ts).
  -- WITHOUT ROWID: a date's rows are read in one range of the key, about twice as fast as by an index.
  CREATE TABLE kept_report_rows (
    as_of       TEXT NOT NULL,
    subject_key TEXT NOT NULL,
    row         TEXT NOT NULL,
    PRIMARY KEY (as_of, subject_key)
  ) WITHOUT ROWID;
  -- Customers whose subject on the date must be recomputed before the date's rows are read again.
  CREATE TABLE kept_report_stale (
    as_of       TEXT NOT NULL,
    customer_id TEXT NOT NULL,
    PRIMARY KEY (as_of, customer_id)
  ) WITHOUT ROWID;

  -- The groups list's views kept for the business date (views/group.kept.ts), marked stale as the report's rows are.
  -- One row per group with members on the date: the view as JSON, and the figures the list is sorted by, as
  -- integers (fen; capUtilization in ten-thousandths, NULL without a cap), so that a page is a range of an index.
  CREATE TABLE kept_group_dates (
    as_of     TEXT PRIMARY KEY,
    computing TEXT
  );
  CREATE TABLE kept_group_views (
    as_of               TEXT NOT NULL,
    group_id            TEXT NOT NULL,
    cap_utilization     INTEGER,
    comprehensive_limit INTEGER NOT NULL,
    exposure            INTEGER NOT NULL,
    view                TEXT NOT NULL,
    PRIMARY KEY (as_of, group_id)
  ) WITHOUT ROWID;
  CREATE INDEX kept_group_views_by_cap_utilization ON kept_group_views (as_of, cap_utilization DESC, group_id);
  CREATE INDEX kept_group_views_by_comprehensive_limit ON kept_group_views (as_of, comprehensive_limit DESC, group_id);
  CREATE INDEX kept_group_views_by_exposure ON kept_group_views (as_of, exposure DESC, group_id);
  CREATE TABLE kept_group_stale (
    as_of       TEXT NOT NULL,
    customer_id TEXT NOT NULL,
    PRIMARY KEY (as_of, customer_id)
  ) WITHOUT ROWID;

  -- customerHistory: the positions of every event that touched a customer.
  CREATE TABLE customer_events (
    customer_id TEXT NOT NULL,
    position    INTEGER NOT NULL,
    PRIMARY KEY (customer_id, position)
  ) WITHOUT ROWID;

  -- customerHistory: the positions of every event about a group (membership changes, its breaches and cures);
  -- a customer's history takes those recorded while it was a member.
  CREATE TABLE group_events (
    group_id   TEXT NOT NULL,
    position   INTEGER NOT NULL,
    command_id TEXT NOT NULL,
    PRIMARY KEY (group_id, position)
  ) WITHOUT ROWID;
`;

/** The large-credit report's rows kept per quarter end and for the business date (reports/large-credit.kept.ts). */
export const KEPT_REPORT_ROWS: KeptTables = { dates: 'kept_report_dates', rows: 'kept_report_rows', stale: 'kept_report_stale' };
/** The groups list's views kept for the business date (views/group.kept.ts). */
export const KEPT_GROUP_VIEWS: KeptTables = { dates: 'kept_group_dates', rows: 'kept_group_views', stale: 'kept_group_stale' };
/** Every kind of rows kept per date: the projection marks each of them stale as it applies events. */
export const KEPT_KINDS: readonly KeptTables[] = [KEPT_REPORT_ROWS, KEPT_GROUP_VIEWS];

/**
 * Tables filled by what was asked (the kept report rows and group views), not by the log alone: a rebuild has none,
 * so dumps, digests and the CLI's verify leave their rows out (the schema is still compared).
 */
export const ASKED_TABLES: readonly string[] = KEPT_KINDS.flatMap((kind) => [kind.dates, kind.rows, kind.stale]);

/** Tables in a fixed order with the columns that order their rows, for dumps and digests (ASKED_TABLES are not). */
export const TABLE_ORDER: ReadonlyArray<readonly [table: string, orderBy: string]> = [
  ['checkpoint', 'id'],
  ['customers', 'customer_id'],
  ['memberships', 'customer_id, position'],
  ['group_names', 'group_id, position'],
  ['limit_events', 'position'],
  ['group_limit_events', 'position'],
  ['relation_events', 'position'],
  ['limits', 'limit_id'],
  ['drawdowns', 'drawdown_id'],
  ['movements', 'position'],
  ['settings_events', 'position'],
  ['breach_events', 'position'],
  ['filed_reports', 'as_of'],
  ['filed_large_exposure_reports', 'as_of'],
  ['customer_events', 'customer_id, position'],
  ['group_events', 'group_id, position'],
];

/**
 * How the projection's database is shared. `alone` (one connection, applying and reading): the connection keeps an
 * exclusive lock. `with-readers`: a projection applied on a thread of its own (projection.worker.ts) while the reads
 * run on the main thread, each over its own connection; the one-projection-per-file lock is then read-models.db.lock's
 * (holdReadModelLock), and every read runs in a transaction, so it sees one committed batch, never half of one.
 */
export type ReadModelSharing = 'alone' | 'with-readers';

/** How long a connection of a shared file waits for the other's transaction: a report kept from the whole book takes seconds. */
const SHARED_BUSY_TIMEOUT_MS = 60_000;

/** Opens `<dataDir>/read-models.db` (or an in-memory database) and creates the schema, rebuilding an outdated one. */
export function openReadModelDatabase(dataDir: string | undefined, sharing: ReadModelSharing = 'alone'): Database.Database {
  let file = ':memory:';
  if (dataDir !== undefined) {
    privateDirectory(dataDir);
    file = join(dataDir, READ_MODEL_FILE);
    // 0600 before SQLite opens it: its -wal (and -shm) files take the main file's mode.
    privateDatabaseFile(file);
  } else if (sharing !== 'alone') throw new Error('a read-model database shared with readers needs a data directory');
  const db = new Database(file, { timeout: sharing === 'alone' ? 250 : SHARED_BUSY_TIMEOUT_MS });
  try {
    db.defaultSafeIntegers(true);
    // One projection per file: a second one would apply every event again. The first write (just below)
    // takes the lock and this connection keeps it until it closes, or its process dies.
    if (sharing === 'alone') db.pragma('locking_mode = EXCLUSIVE');
    db.pragma('journal_mode = WAL');
    // NORMAL: a power cut may lose the last batches, but never half of one: rows and checkpoint commit
    // together, so the projection resumes from an older checkpoint and re-applies exactly what was lost.
    db.pragma('synchronous = NORMAL');
    migrate(db);
    db.prepare('UPDATE checkpoint SET position = position WHERE id = 1').run();
    return db;
  } catch (error) {
    db.close();
    throw inUse(file, error);
  }
}

/**
 * One projection per read-model file, whichever thread applies it: an exclusive lock on read-models.db.lock beside
 * it, taken by a first write and kept until the connection closes or its process dies (BookProjection holds it).
 */
export function holdReadModelLock(dataDir: string): Database.Database {
  privateDirectory(dataDir);
  const file = join(dataDir, `${READ_MODEL_FILE}.lock`);
  privateDatabaseFile(file);
  const lock = new Database(file, { timeout: 250 });
  try {
    lock.pragma('locking_mode = EXCLUSIVE');
    lock.exec('CREATE TABLE IF NOT EXISTS held (id INTEGER PRIMARY KEY); INSERT OR REPLACE INTO held (id) VALUES (1)');
    return lock;
  } catch (error) {
    lock.close();
    throw inUse(join(dataDir, READ_MODEL_FILE), error);
  }
}

function inUse(file: string, error: unknown): unknown {
  // By code, not instanceof: the native addon keeps the SqliteError class of the first load of the module.
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && code.startsWith('SQLITE_BUSY')) {
    return new Error(`${file} is in use by another projection: run one read side per data directory`, { cause: error });
  }
  return error;
}

function migrate(db: Database.Database): void {
  db.transaction(() => {
    const version = db.pragma('user_version', { simple: true }) as bigint;
    if (version === READ_MODEL_SCHEMA_VERSION) return;
    // Read models are derived data: any other version is dropped and rebuilt from position zero.
    const tables = db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all();
    for (const { name } of tables) db.exec(`DROP TABLE "${name}"`);
    db.exec(TABLES);
    db.pragma(`user_version = ${READ_MODEL_SCHEMA_VERSION}`);
  }).immediate();
}

/** A read-model database being built from position zero (read-model.rebuild.ts), and the indexes it is built without. */
export interface ScratchReadModels {
  db: Database.Database;
  file: string;
  /** CREATE INDEX statements dropped for the load, as the schema wrote them: made again, word for word, at the end. */
  indexes: readonly string[];
}

/**
 * Creates `<dataDir>/read-models.db` for a rebuild from position zero, set up for loading and nothing else.
 *
 * No rollback journal and no fsync (journal_mode OFF, synchronous OFF): the file is a scratch that nobody reads
 * until finishScratchReadModels has written it whole, fsynced it and a rename has put it in place. A crash or a
 * failed statement before then leaves a file that may be torn (without a journal, SQLite cannot roll back), and the
 * rebuild then removes the scratch directory, or leaves it unused: the live file is untouched either way and a new
 * rebuild starts from zero in a new scratch. So those pragmas cost no guarantee, and save a journal write and a
 * sync per transaction. The secondary indexes are dropped and built once at the end from sorted data, instead of
 * kept up to date row by row; the primary keys stay, so an event applied twice still fails loudly.
 */
export function openScratchReadModels(dataDir: string): ScratchReadModels {
  privateDirectory(dataDir);
  const file = join(dataDir, READ_MODEL_FILE);
  if (existsSync(file)) throw new Error(`${file} already exists: a rebuild starts from an empty scratch directory`);
  privateDatabaseFile(file);
  const db = new Database(file);
  try {
    db.defaultSafeIntegers(true);
    db.pragma('locking_mode = EXCLUSIVE');
    db.pragma('journal_mode = OFF');
    db.pragma('synchronous = OFF');
    // A large page cache: the tables' B-trees stay in memory while they grow, written out as whole pages.
    db.pragma('cache_size = -65536');
    db.pragma('temp_store = MEMORY');
    migrate(db);
    const indexes = db.prepare<[], { name: string; sql: string }>("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name").all();
    for (const { name } of indexes) db.exec(`DROP INDEX "${name}"`);
    return { db, file, indexes: indexes.map((index) => index.sql) };
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * Makes the loaded scratch an ordinary read-model database: its indexes built, WAL journaling as the live read side
 * uses it, and the file fsynced before anyone renames it into place (the rename's own directory fsync follows).
 */
export function finishScratchReadModels(scratch: ScratchReadModels): void {
  const { db, file } = scratch;
  try {
    db.transaction(() => {
      for (const sql of scratch.indexes) db.exec(sql);
    })();
    db.pragma('journal_mode = WAL');
  } finally {
    db.close();
  }
  // synchronous was OFF: nothing above was synced. One fsync of the whole file now, before it can be swapped in.
  const fd = openSync(file, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
