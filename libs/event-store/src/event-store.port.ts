import { Observable } from 'rxjs';
import type { AuditRecordLog, EventLogChain } from './chain/chain.port';

/**
 * The one port every event store adapter implements (SQLite embedded, EventStoreDB).
 * Positions and revisions are bigint: EventStoreDB's are 64-bit and sparse, so no code may
 * assume position + 1 is the next event.
 */

/** Who did it, when, and why: carried by every event (domain.md section 7). */
export interface EventMetadata {
  commandId: string;
  correlationId: string;
  causationId: string;
  actor: { userId: string; roles: string[] };
  /** ISO-8601 instant the writer decided the command. */
  recordedAt: string;
  /** Business date (YYYY-MM-DD) the event takes effect. */
  effectiveDate: string;
  /**
   * The writer's business date (today) when it decided the command; absent on events written before it was
   * recorded. A restart tells from it whether the day's review of every subject still holds (BookWriter.start).
   */
  decidedOn?: string;
  /** Client's Idempotency-Key (scoped to the user) and a hash of the request it came with. */
  idempotencyKey?: string;
  requestHash?: string;
  /**
   * 'writer' when the writer made `commandId` for a command that came with a requestHash (a key, no X-Command-Id):
   * no client sent that id, so it is not remembered (as an unkeyed command's never was). Absent on every other event, and on keyed events
   * written before it was recorded (their ids are remembered, as they were).
   */
  commandIdBy?: 'writer';
}

export interface NewEvent {
  /** Unique id (UUID); re-appending the same ids at the same place is idempotent. */
  id: string;
  type: string;
  version: number;
  data: unknown;
  metadata: EventMetadata;
}

export interface RecordedEvent {
  id: string;
  streamId: string;
  /** 0-based revision of the event within its stream. */
  revision: bigint;
  /** Global log position: increasing, not necessarily contiguous. */
  position: bigint;
  type: string;
  version: number;
  data: unknown;
  metadata: EventMetadata;
}

/**
 * - 'any': no check.
 * - 'no_stream': the stream must have no events.
 * - 'stream_exists': the stream must have at least one event.
 * - bigint N: the stream's last revision must be exactly N.
 */
export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | bigint;

export interface AppendResult {
  /** Revision of the last event written (the expected revision for the next append). */
  nextExpectedRevision: bigint;
  /** Global position of the last event written. */
  position: bigint;
  /**
   * Position of each event written, in order, when the store knows them without another read
   * (SQLite does; EventStoreDB answers only the last).
   */
  positions?: readonly bigint[];
  /**
   * Sequence of the last idempotency record written, given only when no other record of the stream lies
   * between `AppendOptions.idempotencyRecordsAfter` and the ones written: the caller, which has read up to
   * there, can move its cursor past its own records instead of reading them back.
   */
  idempotencyRecordsThrough?: bigint;
}

export interface ReadStreamOptions {
  /** Inclusive; default 0. */
  fromRevision?: bigint;
  maxCount?: number;
}

export interface ReadAllOptions {
  /** Inclusive; default: the start of the log. */
  fromPosition?: bigint;
  maxCount?: number;
}

export interface SubscribeToAllOptions {
  /** Exclusive: the subscription delivers events after this position. Omit to start at the beginning. */
  afterPosition?: bigint;
}

export type SubscriptionMessage =
  | { kind: 'event'; event: RecordedEvent }
  /** Everything up to `position` has been delivered; what follows is live. */
  | { kind: 'caughtUp'; position: bigint | null };

export interface EventStore {
  /**
   * With `options.idempotencyRecords`, those records are durable when the append resolves (only stores that
   * have `idempotencyRecords` take them); with no events, the expected revision is still checked.
   */
  append(streamId: string, events: readonly NewEvent[], expected: ExpectedRevision, options?: AppendOptions): Promise<AppendResult>;
  /** Throws StreamNotFoundError when the stream has no events. */
  readStream(streamId: string, options?: ReadStreamOptions): AsyncIterable<RecordedEvent>;
  readAll(options?: ReadAllOptions): AsyncIterable<RecordedEvent>;
  /** Catch-up then live. Unsubscribing stops the underlying reader. */
  subscribeToAll(options?: SubscribeToAllOptions): Observable<SubscriptionMessage>;
  /** Position of the last event in the log, or null when the log is empty. */
  headPosition(): Promise<bigint | null>;
  close(): Promise<void>;
  /**
   * The first answers to Idempotency-Keys that recorded no event, kept beside the log in the same store so
   * that a restarted or standby writer gives them again. Absent on stores that keep no such records (test
   * doubles, read-only views): the writer then remembers refusals in memory only.
   */
  readonly idempotencyRecords?: IdempotencyRecordLog;
  /** Access and refusal records, hash-chained, kept beside the log (absent on test doubles and read-only views). */
  readonly auditRecords?: AuditRecordLog;
  /** Every event with the hash-chain link written with it, for `verify --log`. */
  readonly logChain?: EventLogChain;
}

export interface AppendOptions {
  /** Idempotency records to write with the events (see IdempotencyRecordLog). */
  idempotencyRecords?: readonly IdempotencyRecord[];
  /** The sequence of the last record of the stream the caller has read, if any (see idempotencyRecordsThrough). */
  idempotencyRecordsAfter?: bigint;
}

/**
 * A first answer to an Idempotency-Key whose command recorded no event (a refusal): the events' metadata
 * cannot carry it, so it is kept as a record of its own, which is never an event of the log.
 */
export interface IdempotencyRecord {
  /** The key as the writer scopes it (user and client key). */
  key: string;
  /** Hash of the request the key first came with: the same key with another request is a conflict. */
  requestHash: string;
  /** ISO-8601 instant of the answer by the writer's clock: retention counts from here. */
  recordedAt: string;
  /** The answer, a JSON value returned exactly as written. */
  answer: unknown;
}

export interface StoredIdempotencyRecord extends IdempotencyRecord {
  /** Increasing in the order the records of one book stream were written: where to read on from. */
  sequence: bigint;
}

/**
 * Idempotency records of a book stream. They are written only through append() (in one commit with the
 * events where the store can), never appear in readAll, subscribeToAll or headPosition, and are dropped
 * once older than the retention.
 */
export interface IdempotencyRecordLog {
  /** Records of `streamId` written after `afterSequence` (all when omitted), oldest first. */
  read(streamId: string, options?: { afterSequence?: bigint }): AsyncIterable<StoredIdempotencyRecord>;
  /**
   * Drops the records recorded more than `retentionMs` before `now`. A store may do it later (EventStoreDB
   * hands it to the server as the stream's $maxAge), so readers still check `recordedAt` themselves.
   */
  expire(streamId: string, retentionMs: number, now: Date): Promise<void>;
}

export const EVENT_STORE = Symbol('EVENT_STORE');
