import { createHash } from 'node:crypto';
import { RememberedCommand } from '../idempotency-index';
import { decodeBookState, encodeBookStateInSteps } from './book-state.codec';
import { ColumnReader, ColumnSizes, ColumnWriter, SnapshotFormatError } from './snapshot-columns';
import { Steps, runToEnd } from './in-slices';
import { WriterSnapshot } from './snapshot.store';
import { sha256Apart } from './sha256-apart';

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
// 7: the 2018 regime's breach books.
// 8: a binary payload (snapshot-columns.ts) instead of JSON: a restart no longer parses a whole book as text.
// 9: a limit no longer lists its drawdowns (each drawdown names its limit, and the book keeps them as rows).
// 10: the payload in blocks (snapshot-columns.ts), written to the file as they fill; the header padded to a fixed size;
//     remembered commands name their events' revision and count instead of copying them.
// 11: the drawdowns and repayments as the columns they are held in (DrawdownColumns), restored a column at a time.
// 12: the customers' names as runs of code units (TextColumn), not strings of the table.
export const SNAPSHOT_SCHEMA_VERSION = 13;

/**
 * The header line's bytes, newline included, padded with spaces: the payload is written after them as it is encoded,
 * and the header, which sums it up, over them at the end.
 */
export const SNAPSHOT_HEADER_BYTES = 1024;

interface Header {
  format: string;
  schemaVersion: number;
  streamId: string;
  revision: string;
  position: string;
  lastEventId: string;
  createdAt: string;
  /** WriterSnapshot.reviewedOn, or null. */
  reviewedOn: string | null;
  /** The payload's sections (snapshot-columns.ts). */
  sizes: ColumnSizes;
  /** See sha256 below. */
  payloadSha256: string;
}

/** Idempotency entries turned into JSON between two pauses of encodeSnapshotInSteps. */
const REMEMBERED_PER_STEP = 1_000;

/** The header line, padded to SNAPSHOT_HEADER_BYTES. */
function headerLine(header: Header): Buffer {
  const json = JSON.stringify(header);
  if (Buffer.byteLength(json) >= SNAPSHOT_HEADER_BYTES) throw new SnapshotFormatError(`the header takes more than ${SNAPSHOT_HEADER_BYTES - 1} bytes`);
  return Buffer.from(`${json.padEnd(SNAPSHOT_HEADER_BYTES - 1 - (Buffer.byteLength(json) - json.length))}\n`, 'utf8');
}

/** One header line (readable with `head -1`), then the binary payload, in one buffer: encodeSnapshotInSteps run to its end. */
export function encodeSnapshot(snapshot: WriterSnapshot, createdAt: Date): Buffer {
  const payload: Buffer[] = [];
  const header = runToEnd(encodeSnapshotInSteps(snapshot, createdAt, (part) => payload.push(Buffer.from(part))));
  return Buffer.concat([header, ...payload]);
}

/**
 * The snapshot's payload handed to `write` part by part as it is encoded (each valid during the call only),
 * made in steps (yield) of about a millisecond each, so that the writer's thread, which saves them, goes on deciding
 * commands in between (FileSnapshotStore.save runs the steps in slices and writes each part on). Returns the header
 * line (SNAPSHOT_HEADER_BYTES long), which goes before the payload. The book is immutable: the bytes are those of
 * `snapshot.state` however long the steps take, and the memory the encoding holds is a block of the payload and
 * the string table's index, not the whole payload.
 *
 * The checksum covers the payload's bytes, then `reviewedOn`: a torn or flipped file is caught before any of it is
 * believed. The other header fields are checked against the log and the payload; `reviewedOn` could not be, so it
 * is covered.
 */
export function* encodeSnapshotInSteps(snapshot: WriterSnapshot, createdAt: Date, write: (part: Buffer) => void): Steps<Buffer> {
  const hash = createHash('sha256');
  const columns = new ColumnWriter({
    sink: (part) => {
      hash.update(part);
      write(part);
    },
  });
  yield* encodeBookStateInSteps(snapshot.state, columns);
  // Idempotency entries, few and of an irregular shape: JSON, as one string of the table.
  columns.str(yield* rememberedJson(snapshot.idempotency));
  const sizes = columns.end();
  return headerLine({
    format: SNAPSHOT_FORMAT,
    schemaVersion: SNAPSHOT_SCHEMA_VERSION,
    streamId: snapshot.streamId,
    revision: snapshot.revision.toString(),
    position: snapshot.position.toString(),
    lastEventId: snapshot.lastEventId,
    createdAt: createdAt.toISOString(),
    reviewedOn: snapshot.reviewedOn ?? null,
    sizes,
    payloadSha256: hash.update(snapshot.reviewedOn ?? '').digest('hex'),
  });
}

/** The idempotency entries as one JSON array (revisions and positions as strings), REMEMBERED_PER_STEP entries a step. */
function* rememberedJson(entries: WriterSnapshot['idempotency']): Steps<string> {
  const chunks: string[] = [];
  for (let from = 0; from < entries.length; from += REMEMBERED_PER_STEP) {
    const chunk = entries.slice(from, from + REMEMBERED_PER_STEP).map(([key, c]) => [key, { ...c, revision: c.revision.toString(), position: c.position === null ? null : c.position.toString() }]);
    chunks.push(JSON.stringify(chunk).slice(1, -1));
    yield;
  }
  return `[${chunks.join(',')}]`;
}

function parse(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new SnapshotFormatError(`${what} is not JSON: ${(error as Error).message}`);
  }
}

const INTEGER = /^(0|[1-9]\d*)$/;
const BUSINESS_DATE = /^\d{4}-\d{2}-\d{2}$/;

function readHeader(text: string): Header {
  const header = parse(text, 'header') as Partial<Header> | null;
  if (header?.format !== SNAPSHOT_FORMAT) throw new SnapshotFormatError('not a writer snapshot');
  if (header.schemaVersion !== SNAPSHOT_SCHEMA_VERSION) {
    throw new SnapshotFormatError(`schema version ${String(header.schemaVersion)}, this build reads ${SNAPSHOT_SCHEMA_VERSION}`);
  }
  const { streamId, revision, position, lastEventId, payloadSha256, sizes } = header;
  if (typeof streamId !== 'string' || typeof lastEventId !== 'string' || typeof payloadSha256 !== 'string' || typeof sizes !== 'object' || sizes === null) {
    throw new SnapshotFormatError('incomplete header');
  }
  if (typeof revision !== 'string' || !INTEGER.test(revision) || typeof position !== 'string' || !INTEGER.test(position)) {
    throw new SnapshotFormatError('revision and position must be whole numbers');
  }
  if (header.reviewedOn !== null && !(typeof header.reviewedOn === 'string' && BUSINESS_DATE.test(header.reviewedOn))) {
    throw new SnapshotFormatError('reviewedOn must be a business date or null');
  }
  return header as Header;
}

function readRemembered(value: unknown, path: string): RememberedCommand {
  const c = value as Record<string, unknown> | null;
  const ok =
    typeof c === 'object' &&
    c !== null &&
    typeof c.requestHash === 'string' &&
    typeof c.revision === 'string' &&
    INTEGER.test(c.revision) &&
    Number.isSafeInteger(c.eventCount) &&
    (c.eventCount as number) >= 0 &&
    typeof c.pendingApproval === 'boolean' &&
    (c.position === null || (typeof c.position === 'string' && INTEGER.test(c.position))) &&
    (c.commandId === undefined || typeof c.commandId === 'string') &&
    Number.isSafeInteger(c.recordedAt) &&
    (c.binds === undefined || c.binds === 'command-id');
  if (!ok) throw new SnapshotFormatError(`${path}: not a remembered command`);
  return {
    requestHash: c.requestHash as string,
    revision: BigInt(c.revision as string),
    eventCount: c.eventCount as number,
    pendingApproval: c.pendingApproval as boolean,
    position: c.position === null ? null : BigInt(c.position as string),
    ...(c.commandId === undefined ? {} : { commandId: c.commandId as string }),
    recordedAt: c.recordedAt as number,
    // A client command id's entry (keyed by the id), apart from the Idempotency-Keys'.
    ...(c.binds === 'command-id' ? { binds: 'command-id' as const } : {}),
  };
}

/**
 * The snapshot in `file`, or SnapshotFormatError when any part of it cannot be trusted. The payload is decoded while
 * its checksum is computed on another thread (sha256-apart.ts); the decoder trusts nothing it reads, and what it
 * decoded is handed over only once the checksum matches. A damaged file is reported as damaged, whatever the decoder
 * made of it. `file` must not change until the promise settles.
 */
export async function decodeSnapshot(file: Buffer): Promise<WriterSnapshot> {
  const newline = file.indexOf(0x0a);
  if (newline < 0) throw new SnapshotFormatError('no payload after the header');
  const header = readHeader(file.toString('utf8', 0, newline));
  const payload = file.subarray(newline + 1);
  const checksum = sha256Apart(payload, header.reviewedOn ?? '');
  let decoded: Pick<WriterSnapshot, 'state' | 'idempotency'> | undefined;
  let failure: unknown;
  try {
    decoded = decodePayload(payload, header.sizes);
  } catch (error) {
    failure = error;
  }
  if ((await checksum) !== header.payloadSha256) throw new SnapshotFormatError('payload checksum does not match: the file is damaged');
  if (decoded === undefined) throw failure;
  return {
    streamId: header.streamId,
    revision: BigInt(header.revision),
    position: BigInt(header.position),
    lastEventId: header.lastEventId,
    ...decoded,
    ...(header.reviewedOn !== null && { reviewedOn: header.reviewedOn }),
  };
}

function decodePayload(payload: Buffer, sizes: ColumnSizes): Pick<WriterSnapshot, 'state' | 'idempotency'> {
  const columns = new ColumnReader(payload, sizes);
  const state = decodeBookState(columns);
  columns.where = 'payload.idempotency';
  const remembered = parse(columns.str(), 'payload.idempotency');
  columns.end();
  if (!Array.isArray(remembered)) throw new SnapshotFormatError('payload.idempotency: expected an array');
  const idempotency = remembered.map((entry: unknown, i: number): [string, RememberedCommand] => {
    if (!Array.isArray(entry) || entry.length !== 2 || typeof entry[0] !== 'string') throw new SnapshotFormatError(`payload.idempotency[${i}]: expected [key, command]`);
    return [entry[0], readRemembered(entry[1], `payload.idempotency[${i}]`)];
  });
  return { state, idempotency };
}
