import { ChainedEvent, StoredAuditRecord } from './chain.port';
import { GENESIS_HASH, canonicalJson, chainHash, eventChainHash } from './hash-chain';

/** The first break found, where, and why; checking stops there (everything after it is suspect). */
export interface ChainBreak {
  /** The record's sequence or the event's position. */
  at: string;
  reason: string;
}

export interface AuditChainVerification {
  ok: boolean;
  records: number;
  /** The last record's hash: anchor it elsewhere to detect a rewrite of the whole chain or a cut tail. */
  head: string;
  problem?: ChainBreak;
}

/** Walks the records in sequence order, recomputing every link. */
export async function verifyAuditChain(records: AsyncIterable<StoredAuditRecord>): Promise<AuditChainVerification> {
  let head = GENESIS_HASH;
  let count = 0;
  for await (const stored of records) {
    const at = stored.sequence.toString();
    if (stored.previousHash !== head) {
      return { ok: false, records: count, head, problem: { at, reason: 'it does not follow the record before it: a record was removed, inserted or moved here' } };
    }
    if (chainHash(head, canonicalJson(stored.record)) !== stored.hash) {
      return { ok: false, records: count, head, problem: { at, reason: 'its content does not match its hash: the record was altered' } };
    }
    head = stored.hash;
    count += 1;
  }
  return { ok: true, records: count, head };
}

export interface StreamHead {
  streamId: string;
  revision: bigint;
  hash: string | null;
}

export interface LogChainVerification {
  ok: boolean;
  events: number;
  /** Events written before the store chained events (each stream's first ones): not protected. */
  unchained: number;
  /** Each stream's last event and its link: anchor them elsewhere to detect a rewrite or a cut tail. */
  streams: StreamHead[];
  problem?: ChainBreak;
}

/**
 * Walks the log in position order. Within each stream the revisions must run 0, 1, 2... as positions grow (a
 * gap is a removed event, a step back a reordered one), and each link must be sha256 of the previous link of
 * the stream and the event's content (a mismatch is an altered event). A stream's first events may predate
 * chaining (no link); once chained, an event without a link is a break.
 */
export async function verifyLogChain(events: AsyncIterable<ChainedEvent>): Promise<LogChainVerification> {
  const streams = new Map<string, StreamHead>();
  let count = 0;
  let unchained = 0;
  let lastPosition: bigint | undefined;
  const result = (problem?: ChainBreak): LogChainVerification => ({
    ok: problem === undefined,
    events: count,
    unchained,
    streams: [...streams.values()],
    ...(problem && { problem }),
  });
  for await (const { event, chainHash: link, linkedContent } of events) {
    const at = event.position.toString();
    if (lastPosition !== undefined && event.position <= lastPosition) return result({ at, reason: `positions go back (after ${lastPosition}): the log was reordered` });
    lastPosition = event.position;
    const before = streams.get(event.streamId);
    const expectedRevision = before === undefined ? 0n : before.revision + 1n;
    if (event.revision !== expectedRevision) {
      return result({
        at,
        reason:
          event.revision > expectedRevision
            ? `stream ${event.streamId} jumps from revision ${expectedRevision - 1n} to ${event.revision}: events were removed`
            : `stream ${event.streamId} has revision ${event.revision} again after ${expectedRevision - 1n}: events were reordered or duplicated`,
      });
    }
    if (link === null) {
      if (before?.hash) return result({ at, reason: `event ${event.id} has no link after linked events of stream ${event.streamId}: its link was removed` });
      unchained += 1;
    } else if ((linkedContent === undefined ? eventChainHash(before?.hash ?? GENESIS_HASH, event) : chainHash(before?.hash ?? GENESIS_HASH, linkedContent)) !== link) {
      return result({ at, reason: `event ${event.id} (stream ${event.streamId}, revision ${event.revision}) does not match its link: it was altered` });
    }
    streams.set(event.streamId, { streamId: event.streamId, revision: event.revision, hash: link });
    count += 1;
  }
  return result();
}
