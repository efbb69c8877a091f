import { RecordedEvent } from '../event-store.port';

/**
 * One access or refusal record (domain.md section 7): who did what to which subject, when, through which door,
 * and how it ended. Records are not events: no projection, read model or $all reader ever sees them.
 */
export interface AuditRecordData {
  /** ISO-8601 instant. */
  at: string;
  channel: 'http' | 'cli';
  /** read: customer-level data shown to a person; denied: 401 or 403; refused: a command answered with a refusal. */
  kind: 'read' | 'denied' | 'refused';
  /** The verified identity; null when none was proven (401). `via` says how the CLI knew it. */
  actor: { userId: string; roles: string[]; via?: 'token' | 'as' } | null;
  /** What was asked: `GET /api/v1/customers/C1?asOf=...`, `cli history --customer C1`. */
  action: string;
  /** The customer, group, limit... it concerns, when the request names one. */
  subject: { type: string; id: string } | null;
  correlationId: string;
  outcome: { status: number; code?: string };
  /** Where an HTTP request came from. */
  remoteAddress?: string;
}

export interface StoredAuditRecord {
  /** Increasing in the order records were chained; where a reader continues from. */
  sequence: bigint;
  record: AuditRecordData;
  previousHash: string;
  /** chainHash(previousHash, canonicalJson(record)). */
  hash: string;
}

/**
 * The access and refusal records, kept in the event store beside the log for as long as the log (never expired),
 * each chained to the one before. Appends from several processes are serialised by the store, so there is one
 * chain per store.
 */
export interface AuditRecordLog {
  /** Chains and writes the records in order; they are durable when this resolves. */
  append(records: readonly AuditRecordData[]): Promise<StoredAuditRecord[]>;
  /** Records after `afterSequence` (all when omitted), oldest first. */
  read(options?: { afterSequence?: bigint }): AsyncIterable<StoredAuditRecord>;
}

/** An event as stored, with the link the store wrote for it (null: written before the store chained events). */
export interface ChainedEvent {
  event: RecordedEvent;
  chainHash: string | null;
  /**
   * The exact text the store linked, when it links stored text (storedEventContent) rather than canonical JSON of
   * the event (eventChainHash): the SQLite store, whose rows hold data and metadata as text.
   */
  linkedContent?: string;
}

/** The log with each event's link, in global position order: what `verify --log` reads. */
export interface EventLogChain {
  readAll(): AsyncIterable<ChainedEvent>;
}
