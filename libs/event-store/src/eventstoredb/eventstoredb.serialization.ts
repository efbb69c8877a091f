import { EventData, JSONType, RecordedEvent as ClientRecordedEvent, jsonEvent } from '@eventstore/db-client';
import { EventMetadata, NewEvent, RecordedEvent } from '../event-store.port';

/** An event as the client will send it, with its size as the server counts it against MaxAppendSize. */
export interface EncodedEvent {
  eventData: EventData;
  bytes: number;
}

/**
 * Data and metadata travel as JSON; the metadata carries our EventMetadata plus `version`, the
 * event's schema version, which EventStoreDB has no field for.
 */
export function encodeEvent(event: NewEvent, chainHash?: string): EncodedEvent {
  // chainHash: the event's link in its stream's hash chain (verify --log), beside the metadata it covers.
  const metadata = { ...event.metadata, version: event.version, ...(chainHash !== undefined && { chainHash }) };
  const data = JSON.stringify(event.data);
  if (data === undefined) throw new TypeError(`event ${event.id}: data must be a JSON value`);
  // The client stringifies the same values again, byte for byte; this is EventStoreDB's Event.SizeOnDisk.
  const bytes = Buffer.byteLength(data) + Buffer.byteLength(JSON.stringify(metadata)) + event.type.length * 2;
  return { eventData: jsonEvent({ id: event.id, type: event.type, data: event.data as JSONType, metadata }), bytes };
}

export function decodeEvent(event: ClientRecordedEvent): RecordedEvent {
  return decodeChained(event).event;
}

/** The event as the port gives it, and the link stored in its metadata (null when it has none). */
export function decodeChained(event: ClientRecordedEvent): { event: RecordedEvent; chainHash: string | null } {
  const stored = isPlainObject(event.metadata) ? event.metadata : {};
  const { version, chainHash, ...metadata } = stored;
  const decoded: RecordedEvent = {
    id: event.id,
    streamId: event.streamId,
    revision: event.revision,
    // Servers before 22.6 send no position on stream reads; $all reads always carry one.
    position: event.position?.commit ?? -1n,
    type: event.type,
    // Events written by other tools carry no version: treat them as the first one.
    version: typeof version === 'number' ? version : 1,
    data: event.data,
    metadata: metadata as unknown as EventMetadata,
  };
  return { event: decoded, chainHash: typeof chainHash === 'string' ? chainHash : null };
}

/** EventStoreDB's own events: `$`-prefixed types (stats, metadata, links) or `$`-prefixed streams. */
export function isSystemEvent(event: Pick<ClientRecordedEvent, 'type' | 'streamId'>): boolean {
  return event.type.startsWith('$') || event.streamId.startsWith('$');
}

/**
 * Idempotency records live in a stream of their own per book stream (category `groupcap.idempotency`, so
 * no category or prefix of a book stream matches it). They are not events of the log: $all readers of the
 * port never see them, exactly as with SQLite's side table.
 */
export const IDEMPOTENCY_STREAM_PREFIX = 'groupcap.idempotency-';
export const IDEMPOTENCY_RECORD_TYPE = 'IdempotencyKeyAnswered';

export function idempotencyStreamOf(bookStreamId: string): string {
  return IDEMPOTENCY_STREAM_PREFIX + bookStreamId;
}

/**
 * Access and refusal records: one stream per store (one chain), kept as long as the log (no $maxAge), hidden from
 * $all readers like the idempotency records.
 */
export const AUDIT_STREAM = 'groupcap.audit-records';
export const AUDIT_RECORD_TYPE = 'AccessRecorded';

/** What the port's readAll, subscribeToAll and headPosition leave out of $all. */
export function isHiddenFromAll(event: Pick<ClientRecordedEvent, 'type' | 'streamId'>): boolean {
  return isSystemEvent(event) || event.streamId.startsWith(IDEMPOTENCY_STREAM_PREFIX) || event.streamId === AUDIT_STREAM;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
}
