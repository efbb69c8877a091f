import Database from 'better-sqlite3';
import { setImmediate as nextMacrotask } from 'node:timers/promises';
import { Observable } from 'rxjs';
import {
  AppendOptions,
  AppendResult,
  EventStore,
  ExpectedRevision,
  IdempotencyRecord,
  IdempotencyRecordLog,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  StoredIdempotencyRecord,
  SubscribeToAllOptions,
  SubscriptionMessage,
} from '../event-store.port';
import {
  DuplicateEventIdError,
  StoreUnavailableError,
  StreamNotFoundError,
  WrongExpectedRevisionError,
} from '../event-store.errors';
import { AuditRecordData, AuditRecordLog, ChainedEvent, EventLogChain, StoredAuditRecord } from '../chain/chain.port';
import { GENESIS_HASH, canonicalJson, chainHash, storedEventContent } from '../chain/hash-chain';
import { openEventsDatabase } from './sqlite.schema';
import { LiveSubscription, pollingSubscription } from './sqlite.subscription';

export interface SqliteEventStoreOptions {
  /** How often live subscriptions look for events appended by other processes. Default 50 ms. */
  pollIntervalMs?: number;
  /** Rows read per query by reads and subscriptions; bounds memory and event-loop stalls. Default 256. */
  pageSize?: number;
  /**
   * How long an append waits for another process's write lock. better-sqlite3 is synchronous,
   * so this wait blocks the event loop; it only happens when two processes write. Default 5000 ms.
   */
  busyTimeoutMs?: number;
}

interface EventRow {
  position: bigint;
  stream_id: string;
  revision: bigint;
  event_id: string;
  type: string;
  version: bigint;
  data: string;
  metadata: string;
  chain_hash: string | null;
}

/** A row of readAll's page, in the order of its SELECT. */
type ReadAllRow = [position: bigint, streamId: string, revision: bigint, eventId: string, type: string, version: bigint, data: string, metadata: string];

/** The largest page a long readAll grows to: a few milliseconds of reading between two macrotasks. */
const LONG_SCAN_PAGE = 4096;

type StoredPlace = Pick<EventRow, 'stream_id' | 'revision' | 'position'>;
type LastOfStream = StoredPlace & Pick<EventRow, 'chain_hash'>;

interface AuditRow {
  sequence: bigint;
  record: string;
  previous_hash: string;
  hash: string;
}

interface IdempotencyRow {
  sequence: bigint;
  key: string;
  request_hash: string;
  recorded_at: string;
  answer: string;
}

type Statements = ReturnType<typeof prepareStatements>;

function prepareStatements(db: Database.Database) {
  const columns = 'position, stream_id, revision, event_id, type, version, data, metadata, chain_hash';
  return {
    lastOfStream: db.prepare<[string], LastOfStream>(
      'SELECT stream_id, revision, position, chain_hash FROM events WHERE stream_id = ? ORDER BY revision DESC LIMIT 1',
    ),
    // One look-up for a whole batch: the ids as one JSON array, each found through the event_id index.
    placesOfIds: db.prepare<[string], StoredPlace & Pick<EventRow, 'event_id'>>(
      'SELECT event_id, stream_id, revision, position FROM events WHERE event_id IN (SELECT value FROM json_each(?))',
    ),
    insert: db.prepare<[string, bigint, string, string, number, string, string, string]>(
      'INSERT INTO events (stream_id, revision, event_id, type, version, data, metadata, chain_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    ),
    streamPage: db.prepare<[string, bigint, number], EventRow>(
      `SELECT ${columns} FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision LIMIT ?`,
    ),
    allPage: db.prepare<[bigint, number], EventRow>(
      `SELECT ${columns} FROM events WHERE position >= ? ORDER BY position LIMIT ?`,
    ),
    // readAll's pages: the columns a RecordedEvent needs (no chain link), as arrays rather than objects with named
    // keys, which better-sqlite3 builds noticeably faster (a long scan of the log reads millions of rows).
    allPageRaw: db
      .prepare<[bigint, number], ReadAllRow>(`SELECT position, stream_id, revision, event_id, type, version, data, metadata FROM events WHERE position >= ? ORDER BY position LIMIT ?`)
      .raw(true) as unknown as Database.Statement<[bigint, number], ReadAllRow>,
    head: db.prepare<[], { position: bigint | null }>('SELECT MAX(position) AS position FROM events'),
    insertRecord: db.prepare<[string, string, string, string, string]>(
      'INSERT INTO idempotency_records (stream_id, key, request_hash, recorded_at, answer) VALUES (?, ?, ?, ?, ?)',
    ),
    recordsPage: db.prepare<[string, bigint, number], IdempotencyRow>(
      'SELECT sequence, key, request_hash, recorded_at, answer FROM idempotency_records WHERE stream_id = ? AND sequence > ? ORDER BY sequence LIMIT ?',
    ),
    recordAfter: db.prepare<[string, bigint], { sequence: bigint }>('SELECT sequence FROM idempotency_records WHERE stream_id = ? AND sequence > ? LIMIT 1'),
    expireRecords: db.prepare<[string, string]>('DELETE FROM idempotency_records WHERE stream_id = ? AND recorded_at < ?'),
    lastAudit: db.prepare<[], { hash: string }>('SELECT hash FROM audit_records ORDER BY sequence DESC LIMIT 1'),
    insertAudit: db.prepare<[string, string, string]>('INSERT INTO audit_records (record, previous_hash, hash) VALUES (?, ?, ?)'),
    auditPage: db.prepare<[bigint, number], AuditRow>(
      'SELECT sequence, record, previous_hash, hash FROM audit_records WHERE sequence > ? ORDER BY sequence LIMIT ?',
    ),
  };
}

/** The embedded event store: one SQLite file, safe to share between processes. */
export class SqliteEventStore implements EventStore {
  private readonly db: Database.Database;
  private readonly pageSize: number;
  private readonly pollIntervalMs: number;
  private readonly subscriptions = new Set<LiveSubscription>();
  private readonly statements: Statements;
  /** A nested better-sqlite3 transaction: a SAVEPOINT inside the append's IMMEDIATE transaction. */
  private readonly insertInSavepoint: (streamId: string, events: readonly NewEvent[], last: LastOfStream | undefined) => AppendResult;
  /** A side table in the same file: written in the append's own transaction, so with the same fsync. */
  readonly idempotencyRecords: IdempotencyRecordLog = {
    read: (streamId, options) => this.readRecords(streamId, options?.afterSequence ?? 0n),
    expire: async (streamId, retentionMs, now) => {
      this.writeLocked(() => this.statements.expireRecords.run(streamId, new Date(now.getTime() - retentionMs).toISOString()));
    },
  };

  /**
   * A table in the same file, never expired. Each append takes the write lock, reads the last hash and chains
   * its records after it, so appends from several processes (API servers, the CLI) still make one chain.
   */
  readonly auditRecords: AuditRecordLog = {
    append: async (records) => this.appendAudit(records),
    read: (options) => this.readAudit(options?.afterSequence ?? 0n),
  };

  /** Each event's link is in `events.chain_hash`, written by the append's own INSERT. */
  readonly logChain: EventLogChain = {
    readAll: () => this.readChained(),
  };

  constructor(readonly file: string, options: SqliteEventStoreOptions = {}) {
    this.pageSize = options.pageSize ?? 256;
    this.pollIntervalMs = options.pollIntervalMs ?? 50;
    this.db = openEventsDatabase(file, { busyTimeoutMs: options.busyTimeoutMs ?? 5000 });
    this.statements = prepareStatements(this.db);
    this.insertInSavepoint = this.db.transaction((streamId: string, events: readonly NewEvent[], last: LastOfStream | undefined) => this.insertRows(streamId, events, last));
  }

  async append(streamId: string, events: readonly NewEvent[], expected: ExpectedRevision, options: AppendOptions = {}): Promise<AppendResult> {
    if (streamId === '') throw new TypeError('stream id must not be empty');
    const badVersion = events.find((event) => !Number.isSafeInteger(event.version));
    if (badVersion) throw new TypeError(`event ${badVersion.id}: version must be an integer`);
    const records = (options.idempotencyRecords ?? []).map(recordRow);
    const result = this.writeLocked(() => {
      const appended = this.appendInTransaction(streamId, events, expected);
      // After the checks, inside the same transaction: refused together with the events, or durable with them.
      // An idempotent resend (nothing written) wrote its records the first time.
      if (records.length === 0 || !(appended.written || events.length === 0)) return appended;
      const followsOn = this.statements.recordAfter.get(streamId, options.idempotencyRecordsAfter ?? 0n) === undefined;
      let last = 0n;
      for (const r of records) last = this.statements.insertRecord.run(streamId, r.key, r.requestHash, r.recordedAt, r.answer).lastInsertRowid as bigint;
      return followsOn ? { ...appended, result: { ...appended.result, idempotencyRecordsThrough: last } } : appended;
    });
    if (result.written) for (const subscription of this.subscriptions) subscription.wake();
    return result.result;
  }

  async *readStream(streamId: string, options: ReadStreamOptions = {}): AsyncIterable<RecordedEvent> {
    let from = options.fromRevision ?? 0n;
    let remaining = options.maxCount ?? Infinity;
    let first = true;
    while (remaining > 0) {
      const rows = this.statements.streamPage.all(streamId, from, Math.min(this.pageSize, remaining));
      if (first && rows.length === 0 && this.statements.lastOfStream.get(streamId) === undefined) {
        throw new StreamNotFoundError(streamId);
      }
      first = false;
      for (const row of rows) yield toRecorded(row);
      if (rows.length < this.pageSize) return;
      remaining -= rows.length;
      from = rows[rows.length - 1].revision + 1n;
      await nextMacrotask();
    }
  }

  async *readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    let from = options.fromPosition ?? 0n;
    let remaining = options.maxCount ?? Infinity;
    // A reader that keeps reading is scanning the log (a rebuild, a catch-up): pages double, from pageSize up to
    // LONG_SCAN_PAGE, so a long scan pays for fewer queries and macrotasks while a short read stays one small page.
    let pageSize = this.pageSize;
    while (remaining > 0) {
      const asked = Math.min(pageSize, remaining);
      const rows = this.statements.allPageRaw.all(from, asked);
      for (const row of rows) yield fromReadAllRow(row);
      if (rows.length < asked) return;
      remaining -= rows.length;
      from = rows[rows.length - 1][0] + 1n;
      pageSize = Math.min(pageSize * 2, Math.max(LONG_SCAN_PAGE, this.pageSize));
      await nextMacrotask();
    }
  }

  private async *readRecords(streamId: string, afterSequence: bigint): AsyncIterable<StoredIdempotencyRecord> {
    let after = afterSequence;
    for (;;) {
      const rows = this.statements.recordsPage.all(streamId, after, this.pageSize);
      for (const row of rows) {
        yield { sequence: row.sequence, key: row.key, requestHash: row.request_hash, recordedAt: row.recorded_at, answer: JSON.parse(row.answer) };
      }
      if (rows.length < this.pageSize) return;
      after = rows[rows.length - 1].sequence;
      await nextMacrotask();
    }
  }

  private appendAudit(records: readonly AuditRecordData[]): StoredAuditRecord[] {
    const texts = records.map((record) => canonicalJson(record));
    return this.writeLocked(() => {
      let previous = this.statements.lastAudit.get()?.hash ?? GENESIS_HASH;
      return records.map((record, i) => {
        const hash = chainHash(previous, texts[i]);
        const sequence = this.statements.insertAudit.run(texts[i], previous, hash).lastInsertRowid as bigint;
        const stored = { sequence, record, previousHash: previous, hash };
        previous = hash;
        return stored;
      });
    });
  }

  private async *readAudit(afterSequence: bigint): AsyncIterable<StoredAuditRecord> {
    let after = afterSequence;
    for (;;) {
      const rows = this.statements.auditPage.all(after, this.pageSize);
      for (const row of rows) yield { sequence: row.sequence, record: JSON.parse(row.record), previousHash: row.previous_hash, hash: row.hash };
      if (rows.length < this.pageSize) return;
      after = rows[rows.length - 1].sequence;
      await nextMacrotask();
    }
  }

  private async *readChained(): AsyncIterable<ChainedEvent> {
    let from = 0n;
    for (;;) {
      const rows = this.statements.allPage.all(from, this.pageSize);
      for (const row of rows) {
        const event = toRecorded(row);
        yield { event, chainHash: row.chain_hash, linkedContent: storedEventContent(event, row.data, row.metadata) };
      }
      if (rows.length < this.pageSize) return;
      from = rows[rows.length - 1].position + 1n;
      await nextMacrotask();
    }
  }

  subscribeToAll(options: SubscribeToAllOptions = {}): Observable<SubscriptionMessage> {
    return pollingSubscription({
      afterPosition: options.afterPosition,
      pageSize: this.pageSize,
      pollIntervalMs: this.pollIntervalMs,
      readPage: (from, limit) => this.statements.allPage.all(from, limit).map(toRecorded),
      registry: this.subscriptions,
    });
  }

  /**
   * Calls `listener` after each append through this instance that wrote events: a reader of the same file on another
   * thread (the projection's, projections/off-thread-applier.ts) is told at once instead of at its next poll.
   */
  watchAppends(listener: () => void): () => void {
    const watcher: LiveSubscription = { wake: listener, end: () => undefined };
    this.subscriptions.add(watcher);
    return () => {
      this.subscriptions.delete(watcher);
    };
  }

  /** Wakes this instance's live subscriptions now: another connection to the file (another thread's) appended events. */
  wakeSubscriptions(): void {
    for (const subscription of this.subscriptions) subscription.wake();
  }

  async headPosition(): Promise<bigint | null> {
    return this.statements.head.get()?.position ?? null;
  }

  async close(): Promise<void> {
    for (const subscription of [...this.subscriptions]) subscription.end();
    if (this.db.open) this.db.close();
  }

  /**
   * Runs inside one IMMEDIATE transaction: the write lock is taken before the expected revision is
   * read, so two writers (even in two processes) can never both pass the check for the same
   * revision, and the whole batch costs one fsync at commit.
   *
   * The ids of the batch are looked up only when the append cannot go ahead as sent: when the expected revision
   * does not hold, or when an insert meets an id already stored (the UNIQUE index on event_id probes each id
   * anyway). Either way a resend of an append already stored is recognised before anything is refused, and its
   * first answer given, exactly as a look-up before the inserts would; a new batch (nearly every append) skips a
   * look-up of all its ids.
   */
  private appendInTransaction(
    streamId: string,
    events: readonly NewEvent[],
    expected: ExpectedRevision,
  ): { result: AppendResult; written: boolean } {
    const last = this.statements.lastOfStream.get(streamId);
    refuseRepeatedIds(streamId, events);
    if (!expectedHolds(expected, last?.revision ?? null)) {
      const idempotent = this.resentAppend(streamId, events, expected);
      if (idempotent !== undefined) return { result: idempotent, written: false };
      throw new WrongExpectedRevisionError(streamId, expected, last?.revision ?? 'no_stream');
    }
    if (events.length === 0) {
      // Nothing to write: report where the stream stands (-1 when it has no events).
      return { result: { nextExpectedRevision: last?.revision ?? -1n, position: last?.position ?? -1n }, written: false };
    }
    try {
      return { result: this.insertInSavepoint(streamId, events, last), written: true };
    } catch (error) {
      // The savepoint is rolled back: nothing of the batch stays written.
      if (!isStoredIdClash(error)) throw error;
      const idempotent = this.resentAppend(streamId, events, expected);
      if (idempotent !== undefined) return { result: idempotent, written: false };
      const existing = this.alreadyStored(events);
      const clash = events.find((_, i) => existing?.[i] !== undefined) ?? events[0];
      throw new DuplicateEventIdError(streamId, clash.id);
    }
  }

  /** Run through insertInSavepoint, so an id clash undoes the rows inserted before it. */
  private insertRows(streamId: string, events: readonly NewEvent[], last: LastOfStream | undefined): AppendResult {
    let revision = last === undefined ? 0n : last.revision + 1n;
    // A stream whose last event predates chaining starts its chain afresh.
    let link = last?.chain_hash ?? GENESIS_HASH;
    const positions: bigint[] = [];
    for (const event of events) {
      const data = JSON.stringify(event.data);
      const metadata = JSON.stringify(event.metadata);
      if (data === undefined || metadata === undefined) {
        throw new TypeError(`event ${event.id}: data and metadata must be JSON values`);
      }
      // Over the text stored, exactly what verify reads back (storedEventContent).
      link = chainHash(link, storedEventContent({ streamId, revision, id: event.id, type: event.type, version: event.version }, data, metadata));
      positions.push(this.statements.insert.run(streamId, revision, event.id, event.type, event.version, data, metadata, link).lastInsertRowid as bigint);
      revision += 1n;
    }
    return { nextExpectedRevision: revision - 1n, position: positions[positions.length - 1], positions };
  }

  /** The first answer to this batch when it is a resend of an append already stored (see sameAppend). */
  private resentAppend(streamId: string, events: readonly NewEvent[], expected: ExpectedRevision): AppendResult | undefined {
    const existing = this.alreadyStored(events);
    return existing === undefined ? undefined : sameAppend(streamId, existing, expected);
  }

  /** Where each event id of the batch is already stored, or undefined when none is. */
  private alreadyStored(events: readonly NewEvent[]): (StoredPlace | undefined)[] | undefined {
    if (events.length === 0) return undefined;
    const found = this.statements.placesOfIds.all(JSON.stringify(events.map((event) => event.id)));
    if (found.length === 0) return undefined;
    const byId = new Map(found.map((row) => [row.event_id, row]));
    return events.map((event) => byId.get(event.id));
  }

  private writeLocked<T>(work: () => T): T {
    try {
      return this.db.transaction(work).immediate();
    } catch (error) {
      if (error instanceof Database.SqliteError && error.code.startsWith('SQLITE_BUSY')) {
        throw new StoreUnavailableError('the events database is locked by another writer', error);
      }
      throw error;
    }
  }
}

/**
 * EventStoreDB's idempotency: the batch is already stored, in order, in this stream, starting
 * exactly where the expected revision says it should go. Then the original result is returned.
 */
function sameAppend(
  streamId: string,
  places: readonly (StoredPlace | undefined)[],
  expected: ExpectedRevision,
): AppendResult | undefined {
  const first = places[0];
  if (first === undefined) return undefined;
  const inOrder = places.every(
    (place, i) => place !== undefined && place.stream_id === streamId && place.revision === first.revision + BigInt(i),
  );
  if (!inOrder) return undefined;
  const start = expected === 'no_stream' ? 0n : typeof expected === 'bigint' ? expected + 1n : first.revision;
  if (first.revision !== start) return undefined;
  const last = places[places.length - 1] as StoredPlace;
  return { nextExpectedRevision: last.revision, position: last.position, positions: places.map((p) => (p as StoredPlace).position) };
}

function expectedHolds(expected: ExpectedRevision, current: bigint | null): boolean {
  return (
    expected === 'any' ||
    (expected === 'no_stream' && current === null) ||
    (expected === 'stream_exists' && current !== null) ||
    (typeof expected === 'bigint' && current === expected)
  );
}

/** An id twice in one batch is refused before anything is read or written. */
function refuseRepeatedIds(streamId: string, events: readonly NewEvent[]): void {
  const ids = new Set<string>();
  for (const event of events) {
    if (ids.has(event.id)) throw new DuplicateEventIdError(streamId, event.id);
    ids.add(event.id);
  }
}

/**
 * The UNIQUE index on event_id refused an insert: the id is already stored (in this or another stream). By its
 * code, not `instanceof SqliteError`: the native addon is loaded once per process and keeps throwing the class of
 * the first better-sqlite3 module that loaded it, which is not the class of a later, separately loaded copy (as
 * in a jest worker running a second test file).
 */
function isStoredIdClash(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return code === 'SQLITE_CONSTRAINT_UNIQUE' && typeof message === 'string' && message.includes('events.event_id');
}

/** Checked before the transaction; the instant is normalised so text comparison in expire() is time order. */
function recordRow(record: IdempotencyRecord): { key: string; requestHash: string; recordedAt: string; answer: string } {
  const at = new Date(record.recordedAt);
  if (Number.isNaN(at.getTime())) throw new TypeError(`idempotency record ${record.key}: recordedAt must be an ISO-8601 instant`);
  const answer = JSON.stringify(record.answer);
  if (answer === undefined) throw new TypeError(`idempotency record ${record.key}: the answer must be a JSON value`);
  return { key: record.key, requestHash: record.requestHash, recordedAt: at.toISOString(), answer };
}

function fromReadAllRow([position, streamId, revision, id, type, version, data, metadata]: ReadAllRow): RecordedEvent {
  return { id, streamId, revision, position, type, version: Number(version), data: JSON.parse(data), metadata: JSON.parse(metadata) };
}

function toRecorded(row: EventRow): RecordedEvent {
  return {
    id: row.event_id,
    streamId: row.stream_id,
    revision: row.revision,
    position: row.position,
    type: row.type,
    version: Number(row.version),
    data: JSON.parse(row.data),
    metadata: JSON.parse(row.metadata),
  };
}
