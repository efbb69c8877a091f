import { createHash } from 'node:crypto';
import { RememberedCommand } from '../idempotency-index';
import { SnapshotFormatError, decodeBookState, encodeBookState } from './book-state.codec';
import { WriterSnapshot } from './snapshot.store';

export const SNAPSHOT_FORMAT = 'groupcap-writer-snapshot';

/**
 * Bump whenever BookState, RememberedCommand or their encoding changes shape: a snapshot of another
 * version is ignored (the writer replays the log), never read into a state of the wrong shape.
 */
// 2: policy kept as changes by effective date; entities' effective dates (`since`).
// 3: remembered commands carry `recordedAt`, so their keys expire after the retention.
// 4: the book's time axis (dated relations, limit terms, repayments, memberships, breach history).
// 5: client command ids' bindings (entries marked `binds: 'command-id'`); a 4 has none, so its log is replayed.
// 6: group unified credit: group limits, and each limit's `groupLimitId`.
export const SNAPSHOT_SCHEMA_VERSION = 7;

interface Header {
  format: string;
  schemaVersion: number;
  streamId: string;
  revision: string;
  position: string;
  lastEventId: string;
  createdAt: string;
  /** Of the payload's UTF-8 bytes: a torn or flipped file is caught before any of it is believed. */
  payloadSha256: string;
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** One header line (readable with `head -1`), then the payload. */
export function encodeSnapshot(snapshot: WriterSnapshot, createdAt: Date): string {
  const payload = JSON.stringify({
    state: encodeBookState(snapshot.state),
    idempotency: snapshot.idempotency.map(([key, c]) => [key, { ...c, position: c.position === null ? null : c.position.toString() }]),
  });
  const header: Header = {
    format: SNAPSHOT_FORMAT,
    schemaVersion: SNAPSHOT_SCHEMA_VERSION,
    streamId: snapshot.streamId,
    revision: snapshot.revision.toString(),
    position: snapshot.position.toString(),
    lastEventId: snapshot.lastEventId,
    createdAt: createdAt.toISOString(),
    payloadSha256: sha256(payload),
  };
  return `${JSON.stringify(header)}\n${payload}`;
}

function parse(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new SnapshotFormatError(`${what} is not JSON: ${(error as Error).message}`);
  }
}

const INTEGER = /^(0|[1-9]\d*)$/;

function readHeader(text: string): Header {
  const header = parse(text, 'header') as Partial<Header> | null;
  if (header?.format !== SNAPSHOT_FORMAT) throw new SnapshotFormatError('not a writer snapshot');
  if (header.schemaVersion !== SNAPSHOT_SCHEMA_VERSION) {
    throw new SnapshotFormatError(`schema version ${String(header.schemaVersion)}, this build reads ${SNAPSHOT_SCHEMA_VERSION}`);
  }
  const { streamId, revision, position, lastEventId, payloadSha256 } = header;
  if (typeof streamId !== 'string' || typeof lastEventId !== 'string' || typeof payloadSha256 !== 'string') throw new SnapshotFormatError('incomplete header');
  if (typeof revision !== 'string' || !INTEGER.test(revision) || typeof position !== 'string' || !INTEGER.test(position)) {
    throw new SnapshotFormatError('revision and position must be whole numbers');
  }
  return header as Header;
}

function readRemembered(value: unknown, path: string): RememberedCommand {
  const c = value as Record<string, unknown> | null;
  const events = c?.events;
  const ok =
    typeof c === 'object' &&
    c !== null &&
    typeof c.requestHash === 'string' &&
    typeof c.pendingApproval === 'boolean' &&
    (c.position === null || (typeof c.position === 'string' && INTEGER.test(c.position))) &&
    (c.commandId === undefined || typeof c.commandId === 'string') &&
    Number.isSafeInteger(c.recordedAt) &&
    (c.binds === undefined || c.binds === 'command-id') &&
    Array.isArray(events) &&
    events.every((e) => typeof e?.type === 'string' && Number.isSafeInteger(e?.version) && typeof e?.data === 'object' && e.data !== null && !Array.isArray(e.data));
  if (!ok) throw new SnapshotFormatError(`${path}: not a remembered command`);
  return {
    requestHash: c.requestHash as string,
    events: (events as RememberedCommand['events']).map((e) => ({ type: e.type, version: e.version, data: e.data })),
    pendingApproval: c.pendingApproval as boolean,
    position: c.position === null ? null : BigInt(c.position as string),
    ...(c.commandId === undefined ? {} : { commandId: c.commandId as string }),
    recordedAt: c.recordedAt as number,
    // A client command id's entry (keyed by the id), apart from the Idempotency-Keys'.
    ...(c.binds === 'command-id' ? { binds: 'command-id' as const } : {}),
  };
}

/** The snapshot in `text`, or SnapshotFormatError when any part of it cannot be trusted. */
export function decodeSnapshot(text: string): WriterSnapshot {
  const newline = text.indexOf('\n');
  if (newline < 0) throw new SnapshotFormatError('no payload after the header');
  const header = readHeader(text.slice(0, newline));
  const payloadText = text.slice(newline + 1);
  if (sha256(payloadText) !== header.payloadSha256) throw new SnapshotFormatError('payload checksum does not match: the file is damaged');
  const payload = parse(payloadText, 'payload') as { state?: unknown; idempotency?: unknown } | null;
  if (!Array.isArray(payload?.idempotency)) throw new SnapshotFormatError('payload.idempotency: expected an array');
  const idempotency = payload.idempotency.map((entry: unknown, i: number): [string, RememberedCommand] => {
    if (!Array.isArray(entry) || entry.length !== 2 || typeof entry[0] !== 'string') throw new SnapshotFormatError(`payload.idempotency[${i}]: expected [key, command]`);
    return [entry[0], readRemembered(entry[1], `payload.idempotency[${i}]`)];
  });
  return {
    streamId: header.streamId,
    revision: BigInt(header.revision),
    position: BigInt(header.position),
    lastEventId: header.lastEventId,
    state: decodeBookState(payload.state),
    idempotency,
  };
}
