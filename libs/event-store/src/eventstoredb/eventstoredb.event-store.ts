import {
  ANY,
  BACKWARDS,
  END,
  EventStoreDBClient,
  NO_STREAM,
  START,
  STREAM_EXISTS,
  AppendExpectedRevision,
  Position,
  RecordedEvent as ClientRecordedEvent,
  StreamingRead,
} from '@eventstore/db-client';
import { Observable } from 'rxjs';
import { randomUUID } from 'node:crypto';
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
  IdempotencyRecordsNotWrittenError,
  StreamNotFoundError,
  WrongExpectedRevisionError,
} from '../event-store.errors';
import { AuditRecordData, AuditRecordLog, ChainedEvent, EventLogChain, StoredAuditRecord } from '../chain/chain.port';
import { GENESIS_HASH, canonicalJson, chainHash, eventChainHash } from '../chain/hash-chain';
import { DEFAULT_MAX_APPEND_BYTES, appendChunks } from './eventstoredb.append-chunks';
import { toStoreError } from './eventstoredb.error-mapping';
import {
  AUDIT_RECORD_TYPE,
  AUDIT_STREAM,
  EncodedEvent,
  IDEMPOTENCY_RECORD_TYPE,
  IDEMPOTENCY_STREAM_PREFIX,
  decodeChained,
  decodeEvent,
  encodeEvent,
  idempotencyStreamOf,
  isHiddenFromAll,
} from './eventstoredb.serialization';
import { OpenSubscription, ResubscribeOptions, allSubscription } from './eventstoredb.subscription';

export interface EventStoreDbEventStoreOptions {
  /** The server's MaxAppendSize; larger batches are written as successive appends. Default 1 MiB. */
  maxAppendBytes?: number;
  /** How subscriptions come back after a dropped connection. */
  resubscribe?: ResubscribeOptions;
}

/**
 * The EventStore port on EventStoreDB / KurrentDB through @eventstore/db-client. Connect with a
 * connection string (EVENTSTORE_CONNECTION_STRING): `esdb://host:2113?tls=false` for one node,
 * `esdb+discover://...` for a cluster. System events (`$` types and streams) are hidden from reads,
 * subscriptions and headPosition, so the port sees only application events.
 */
export class EventStoreDbEventStore implements EventStore {
  private readonly client: EventStoreDBClient;
  private readonly maxAppendBytes: number;
  private readonly resubscribe: Required<ResubscribeOptions>;
  private readonly subscriptions = new Set<OpenSubscription>();
  private closed = false;
  /**
   * Records go to `groupcap.idempotency-<book stream>`, a stream of their own (EventStoreDB has no transaction
   * over two streams), after the book's events; the server drops them past the retention through the
   * stream's $maxAge.
   */
  readonly idempotencyRecords: IdempotencyRecordLog = {
    read: (streamId, options) => this.readRecords(streamId, options?.afterSequence),
    expire: (streamId, retentionMs) => this.keepRecordsFor(streamId, retentionMs),
  };

  /**
   * One stream (`groupcap.audit-records`), one chain: an append reads the stream's last record, chains after it
   * and writes expecting exactly that revision; another process that got there first makes it read and chain again.
   */
  readonly auditRecords: AuditRecordLog = {
    append: (records) => this.appendAudit(records),
    read: (options) => this.readAudit(options?.afterSequence),
  };

  /** Each event's link travels in its metadata (`chainHash`), computed here on append: see appendEvents. */
  readonly logChain: EventLogChain = {
    readAll: () => this.readAllWith(decodeChained),
  };

  /** The last link this adapter wrote or read, per stream: the next append of the stream chains after it. */
  private readonly lastLinks = new Map<string, { revision: bigint; hash: string }>();

  constructor(connectionString: string, options: EventStoreDbEventStoreOptions = {}) {
    // With it off, a refused append resolves as if it had succeeded: the writer would never know.
    if (/[?&]throwOnAppendFailure=false/i.test(connectionString)) {
      throw new Error('throwOnAppendFailure=false is not supported: a refused append must throw');
    }
    this.client = EventStoreDBClient.connectionString(connectionString);
    this.maxAppendBytes = options.maxAppendBytes ?? DEFAULT_MAX_APPEND_BYTES;
    this.resubscribe = {
      initialDelayMs: options.resubscribe?.initialDelayMs ?? 100,
      maxDelayMs: options.resubscribe?.maxDelayMs ?? 5000,
      maxAttempts: options.resubscribe?.maxAttempts ?? Infinity,
    };
  }

  /**
   * A batch over MaxAppendSize is written as successive appends, each expecting exactly the revision
   * the previous one ended at, so no other writer can slip in between; it is not atomic, but resending
   * the whole batch after a failure is idempotent (every part lands at the same place again).
   */
  async append(streamId: string, events: readonly NewEvent[], expected: ExpectedRevision, options: AppendOptions = {}): Promise<AppendResult> {
    const records = options.idempotencyRecords ?? [];
    if (records.length === 0) return this.appendEvents(streamId, events, expected);
    // The book first: records of a batch whose append is refused (another writer got there first) must not
    // exist, since that batch is decided again. Only once the events are durable are their records written.
    const recordEvents = records.map(recordEvent);
    const appended = await this.appendEvents(streamId, events, expected);
    let written: AppendResult;
    try {
      written = await this.appendEvents(idempotencyStreamOf(streamId), recordEvents, 'any', true);
    } catch (error) {
      throw new IdempotencyRecordsNotWrittenError(appended, error);
    }
    // Sequences are the records stream's revisions, consecutive: ours follow on when the first is right after.
    const first = written.nextExpectedRevision - BigInt(recordEvents.length) + 1n;
    const followsOn = first === (options.idempotencyRecordsAfter ?? -1n) + 1n;
    return followsOn ? { ...appended, idempotencyRecordsThrough: written.nextExpectedRevision } : appended;
  }

  private async appendEvents(streamId: string, events: readonly NewEvent[], expected: ExpectedRevision, records = false): Promise<AppendResult> {
    this.ensureOpen();
    if (streamId === '') throw new TypeError('stream id must not be empty');
    if (!records && streamId.startsWith(IDEMPOTENCY_STREAM_PREFIX)) throw new TypeError(`stream ${streamId}: the prefix ${IDEMPOTENCY_STREAM_PREFIX} is kept for idempotency records`);
    const ids = new Set<string>();
    for (const event of events) {
      if (!Number.isSafeInteger(event.version)) throw new TypeError(`event ${event.id}: version must be an integer`);
      if (ids.has(event.id)) throw new DuplicateEventIdError(streamId, event.id);
      ids.add(event.id);
    }
    if (events.length === 0) return this.checkWithoutWriting(streamId, expected);
    const links = records ? undefined : await this.linksFor(streamId, events, expected);
    let result: AppendResult | undefined;
    let expectedNow = expected;
    try {
      for (const chunk of appendChunks(events.map((event, i) => encodeEvent(event, links?.[i])), this.maxAppendBytes)) {
        result = await this.appendChunk(streamId, chunk, expectedNow);
        expectedNow = result.nextExpectedRevision;
      }
    } catch (error) {
      this.lastLinks.delete(streamId);
      throw error;
    }
    if (links !== undefined) this.lastLinks.set(streamId, { revision: (result as AppendResult).nextExpectedRevision, hash: links[links.length - 1] });
    return result as AppendResult;
  }

  /**
   * The links of the events about to be appended: positions are the server's, so the chain runs per stream over
   * revisions, which the append fixes. With an exact expected revision N the events become N+1...; with no_stream
   * 0...; with any or stream_exists, after the stream's last event as read just before (an append by another
   * writer in between would leave a link that verify --log reports: a false alarm, never a silent gap; the book
   * is always written with exact revisions).
   */
  private async linksFor(streamId: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<string[]> {
    let previous: { revision: bigint; hash: string | null } | undefined;
    if (expected === 'no_stream') previous = undefined;
    else {
      const cached = this.lastLinks.get(streamId);
      if (typeof expected === 'bigint' && cached?.revision === expected) previous = cached;
      else {
        const last = typeof expected === 'bigint' ? await this.chainedAt(streamId, expected) : await this.lastChained(streamId);
        // A wrong expected revision: the append is refused below, whatever is chained.
        previous = last === undefined ? (typeof expected === 'bigint' ? { revision: expected, hash: null } : undefined) : { revision: last.event.revision, hash: last.chainHash };
      }
    }
    let revision = previous === undefined ? 0n : previous.revision + 1n;
    let link = previous?.hash ?? GENESIS_HASH;
    return events.map((event) => {
      link = eventChainHash(link, { streamId, revision, id: event.id, type: event.type, version: event.version, data: jsonCopy(event.data), metadata: jsonCopy(event.metadata) });
      revision += 1n;
      return link;
    });
  }

  private async chainedAt(streamId: string, revision: bigint): Promise<ChainedEvent | undefined> {
    if (revision < 0n) return undefined;
    try {
      for await (const resolved of guarded(this.client.readStream(streamId, { fromRevision: revision, maxCount: 1 }), streamId)) {
        if (resolved.event !== undefined && resolved.event.revision === revision) return decodeChained(resolved.event);
      }
    } catch (error) {
      if (!(error instanceof StreamNotFoundError)) throw error;
    }
    return undefined;
  }

  private async lastChained(streamId: string): Promise<ChainedEvent | undefined> {
    try {
      const reading = this.client.readStream(streamId, { fromRevision: END, direction: BACKWARDS, maxCount: 1 });
      for await (const resolved of guarded(reading, streamId)) {
        if (resolved.event !== undefined) return decodeChained(resolved.event);
      }
    } catch (error) {
      if (!(error instanceof StreamNotFoundError)) throw error;
    }
    return undefined;
  }

  private async appendAudit(records: readonly AuditRecordData[]): Promise<StoredAuditRecord[]> {
    this.ensureOpen();
    if (records.length === 0) return [];
    const texts = records.map((record) => canonicalJson(record));
    for (let attempt = 1; ; attempt++) {
      const last = await this.lastChained(AUDIT_STREAM);
      const lastData = last?.event.data as { hash?: unknown } | undefined;
      let previous = typeof lastData?.hash === 'string' ? lastData.hash : GENESIS_HASH;
      const linked = texts.map((text) => {
        const hash = chainHash(previous, text);
        const entry = { record: JSON.parse(text) as AuditRecordData, previousHash: previous, hash };
        previous = hash;
        return entry;
      });
      const events = linked.map((entry): EncodedEvent => encodeEvent({ id: randomUUID(), type: AUDIT_RECORD_TYPE, version: 1, data: entry, metadata: {} as NewEvent['metadata'] }));
      try {
        const written = await this.appendChunk(AUDIT_STREAM, events, last === undefined ? 'no_stream' : last.event.revision);
        const first = written.nextExpectedRevision - BigInt(linked.length) + 1n;
        return linked.map((entry, i) => ({ sequence: first + BigInt(i), ...entry }));
      } catch (error) {
        // Another process chained records first: chain after theirs.
        if (!(error instanceof WrongExpectedRevisionError) || attempt >= 20) throw error;
      }
    }
  }

  private async *readAudit(afterSequence?: bigint): AsyncIterable<StoredAuditRecord> {
    try {
      for await (const event of this.readStream(AUDIT_STREAM, { fromRevision: afterSequence === undefined ? 0n : afterSequence + 1n })) {
        const entry = event.data as { record?: AuditRecordData; previousHash?: unknown; hash?: unknown } | null;
        if (event.type !== AUDIT_RECORD_TYPE || entry?.record === undefined || typeof entry.previousHash !== 'string' || typeof entry.hash !== 'string') continue;
        yield { sequence: event.revision, record: entry.record, previousHash: entry.previousHash, hash: entry.hash };
      }
    } catch (error) {
      if (!(error instanceof StreamNotFoundError)) throw error;
    }
  }

  async *readStream(streamId: string, options: ReadStreamOptions = {}): AsyncIterable<RecordedEvent> {
    this.ensureOpen();
    if (options.maxCount === 0) return;
    const reading = this.client.readStream(streamId, {
      fromRevision: options.fromRevision ?? START,
      maxCount: options.maxCount ?? Number.MAX_SAFE_INTEGER,
    });
    for await (const resolved of guarded(reading, streamId)) {
      if (resolved.event === undefined) continue;
      const { event, chainHash: link } = decodeChained(resolved.event);
      // A writer catching up reads its stream to the end: its next append then chains without another read.
      if (link !== null && (this.lastLinks.get(streamId)?.revision ?? -1n) < event.revision) this.lastLinks.set(streamId, { revision: event.revision, hash: link });
      yield event;
    }
  }

  /**
   * System events are filtered here (the client's readAll has no server-side filter), so a page
   * of `maxCount` may need more than one read: each continues from the last position seen, which
   * the server includes again, and skips it.
   */
  readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    return this.readAllWith(decodeEvent, options);
  }

  private async *readAllWith<T>(decode: (event: ClientRecordedEvent) => T, options: ReadAllOptions = {}): AsyncIterable<T> {
    this.ensureOpen();
    let remaining = options.maxCount ?? Number.MAX_SAFE_INTEGER;
    let from = options.fromPosition;
    let seenThrough: bigint | undefined;
    while (remaining > 0) {
      const count = Math.min(remaining + (seenThrough === undefined ? 0 : 1), Number.MAX_SAFE_INTEGER);
      let read = 0;
      const reading = this.client.readAll({ fromPosition: from === undefined ? START : position(from), maxCount: count });
      for await (const resolved of guarded(reading)) {
        read += 1;
        const event = resolved.event;
        if (event === undefined) continue;
        if (seenThrough !== undefined && event.position.commit <= seenThrough) continue;
        seenThrough = event.position.commit;
        if (isHiddenFromAll(event)) continue;
        yield decode(event);
        remaining -= 1;
        if (remaining === 0) return;
      }
      if (read < count) return;
      from = seenThrough;
    }
  }

  subscribeToAll(options: SubscribeToAllOptions = {}): Observable<SubscriptionMessage> {
    this.ensureOpen();
    return allSubscription({
      client: this.client,
      afterPosition: options.afterPosition,
      resubscribe: this.resubscribe,
      registry: this.subscriptions,
    });
  }

  /** The tail of $all can be system events: widen a backwards read until an application event shows. */
  async headPosition(): Promise<bigint | null> {
    this.ensureOpen();
    for (let window = 1; ; window *= 32) {
      let read = 0;
      const reading = this.client.readAll({ fromPosition: END, direction: BACKWARDS, maxCount: window });
      for await (const resolved of guarded(reading)) {
        read += 1;
        if (resolved.event !== undefined && !isHiddenFromAll(resolved.event)) return resolved.event.position.commit;
      }
      if (read < window) return null;
    }
  }

  private async *readRecords(streamId: string, afterSequence?: bigint): AsyncIterable<StoredIdempotencyRecord> {
    try {
      for await (const event of this.readStream(idempotencyStreamOf(streamId), { fromRevision: afterSequence === undefined ? 0n : afterSequence + 1n })) {
        const record = event.data as Partial<IdempotencyRecord> | null;
        if (event.type !== IDEMPOTENCY_RECORD_TYPE || typeof record?.key !== 'string' || typeof record.requestHash !== 'string' || typeof record.recordedAt !== 'string') continue;
        yield { sequence: event.revision, key: record.key, requestHash: record.requestHash, recordedAt: record.recordedAt, answer: record.answer };
      }
    } catch (error) {
      if (!(error instanceof StreamNotFoundError)) throw error;
    }
  }

  /** Sets the records stream's $maxAge (whole seconds, rounded up) unless it already is that. */
  private async keepRecordsFor(streamId: string, retentionMs: number): Promise<void> {
    this.ensureOpen();
    const stream = idempotencyStreamOf(streamId);
    const maxAge = Math.ceil(retentionMs / 1000);
    try {
      const current = await this.client.getStreamMetadata(stream);
      if (current.metadata?.maxAge === maxAge) return;
      await this.client.setStreamMetadata(stream, { ...(current.metadata ?? {}), maxAge });
    } catch (error) {
      throw toStoreError(error, { streamId: stream });
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const subscription of [...this.subscriptions]) subscription.end();
    await this.client.dispose();
  }

  private async appendChunk(streamId: string, chunk: EncodedEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    let written;
    try {
      written = await this.client.appendToStream(
        streamId,
        chunk.map((event) => event.eventData),
        { expectedRevision: clientRevision(expected) },
      );
    } catch (error) {
      throw toStoreError(error, { streamId, expected, bytes: chunk.reduce((sum, event) => sum + event.bytes, 0) });
    }
    const revision = written.nextExpectedRevision;
    // Idempotent resends on older servers come back without a position: look it up.
    const position = written.position?.commit ?? (await this.positionOf(streamId, revision));
    return { nextExpectedRevision: revision, position };
  }

  /**
   * An empty append is checked here, not sent: servers answer it inconsistently (no position, and
   * no revision for a missing stream). Reports where the stream stands, -1 when it has no events.
   */
  private async checkWithoutWriting(streamId: string, expected: ExpectedRevision): Promise<AppendResult> {
    const last = await this.lastOf(streamId);
    const current = last?.revision ?? null;
    const ok =
      expected === 'any' ||
      (expected === 'no_stream' && current === null) ||
      (expected === 'stream_exists' && current !== null) ||
      (typeof expected === 'bigint' && current === expected);
    if (!ok) throw new WrongExpectedRevisionError(streamId, expected, current ?? 'no_stream');
    return { nextExpectedRevision: last?.revision ?? -1n, position: last?.position ?? -1n };
  }

  private async lastOf(streamId: string): Promise<RecordedEvent | undefined> {
    try {
      const reading = this.client.readStream(streamId, { fromRevision: END, direction: BACKWARDS, maxCount: 1 });
      for await (const resolved of guarded(reading, streamId)) {
        if (resolved.event !== undefined) return decodeEvent(resolved.event);
      }
      return undefined;
    } catch (error) {
      if (error instanceof StreamNotFoundError) return undefined;
      throw error;
    }
  }

  private async positionOf(streamId: string, revision: bigint): Promise<bigint> {
    const reading = this.client.readStream(streamId, { fromRevision: revision, maxCount: 1 });
    for await (const resolved of guarded(reading, streamId)) {
      if (resolved.event?.position !== undefined) return resolved.event.position.commit;
    }
    throw new Error(`stream ${streamId}: revision ${revision} was just written but cannot be read`);
  }

  private ensureOpen(): void {
    if (this.closed) throw new Error('the EventStoreDB event store is closed');
  }
}

/**
 * Iterates a client read with the port's errors. Leaving early needs care: it neither cancels the
 * gRPC call nor lets a call the server already completed reach its end, and the client keeps
 * either kind until close() (which then waits for them forever). So cancel the call, and drain
 * what had already arrived.
 */
async function* guarded<T>(reading: StreamingRead<T>, streamId?: string): AsyncGenerator<T> {
  reading.on('error', () => undefined); // the loop gets the error; a late one must not crash the process
  let done = false;
  try {
    for await (const item of reading.iterator({ destroyOnReturn: false }) as AsyncIterable<T>) yield item;
    done = true;
  } catch (error) {
    done = true;
    throw toStoreError(error, { streamId });
  } finally {
    if (!done) {
      await reading.cancel().catch(() => undefined);
      reading.resume();
    }
  }
}

/** One record as an event of the records stream; its data is the record, returned as written. */
function recordEvent(record: IdempotencyRecord): NewEvent {
  const at = new Date(record.recordedAt);
  if (Number.isNaN(at.getTime())) throw new TypeError(`idempotency record ${record.key}: recordedAt must be an ISO-8601 instant`);
  return {
    id: randomUUID(),
    type: IDEMPOTENCY_RECORD_TYPE,
    version: 1,
    data: { key: record.key, requestHash: record.requestHash, recordedAt: at.toISOString(), answer: record.answer },
    // A record is not a command's event: it has no command, actor or effective date of its own.
    metadata: {} as NewEvent['metadata'],
  };
}

/** The value as it will be read back: what a link must cover. */
function jsonCopy(value: unknown): unknown {
  const text = JSON.stringify(value);
  return text === undefined ? undefined : JSON.parse(text);
}

function position(at: bigint): Position {
  // Every write is its own transaction, so an event's commit and prepare positions are equal.
  return { commit: at, prepare: at };
}

function clientRevision(expected: ExpectedRevision): AppendExpectedRevision {
  switch (expected) {
    case 'any':
      return ANY;
    case 'no_stream':
      return NO_STREAM;
    case 'stream_exists':
      return STREAM_EXISTS;
    default:
      return expected;
  }
}
