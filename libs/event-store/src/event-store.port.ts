import { Observable } from 'rxjs';

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
  /** Client's Idempotency-Key (scoped to the user) and a hash of the request it came with. */
  idempotencyKey?: string;
  requestHash?: string;
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
  append(streamId: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult>;
  /** Throws StreamNotFoundError when the stream has no events. */
  readStream(streamId: string, options?: ReadStreamOptions): AsyncIterable<RecordedEvent>;
  readAll(options?: ReadAllOptions): AsyncIterable<RecordedEvent>;
  /** Catch-up then live. Unsubscribing stops the underlying reader. */
  subscribeToAll(options?: SubscribeToAllOptions): Observable<SubscriptionMessage>;
  /** Position of the last event in the log, or null when the log is empty. */
  headPosition(): Promise<bigint | null>;
  close(): Promise<void>;
}

export const EVENT_STORE = Symbol('EVENT_STORE');
