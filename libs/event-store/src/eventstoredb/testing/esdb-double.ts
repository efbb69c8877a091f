import {
  Metadata,
  Server,
  ServerCredentials,
  ServerDuplexStream,
  ServerErrorResponse,
  ServerReadableStream,
  ServerWritableStream,
  sendUnaryData,
  status,
} from '@grpc/grpc-js';
import { randomUUID } from 'node:crypto';
import { dirname } from 'node:path';
import { Any } from 'google-protobuf/google/protobuf/any_pb';
import { Empty as ProtobufEmpty } from 'google-protobuf/google/protobuf/empty_pb';
import { ServerFeaturesService } from '@eventstore/db-client/generated/serverfeatures_grpc_pb';
import { SupportedMethod, SupportedMethods } from '@eventstore/db-client/generated/serverfeatures_pb';
import {
  AllStreamPosition,
  Empty,
  MaximumAppendSizeExceeded,
  StreamIdentifier,
  UUID,
  WrongExpectedVersion,
} from '@eventstore/db-client/generated/shared_pb';
import { Status } from '@eventstore/db-client/generated/status_pb';
import { StreamsService } from '@eventstore/db-client/generated/streams_grpc_pb';
import {
  AppendReq,
  AppendResp,
  BatchAppendReq,
  BatchAppendResp,
  ReadReq,
  ReadResp,
} from '@eventstore/db-client/generated/streams_pb';

// The generated serializers check `instanceof` against google-protobuf classes: a second copy of
// the library would make every message we build unserializable, so refuse to run with one.
const clientProtobuf = require.resolve('google-protobuf', {
  paths: [dirname(require.resolve('@eventstore/db-client/generated/streams_pb'))],
});
if (clientProtobuf !== require.resolve('google-protobuf')) {
  throw new Error(`google-protobuf: the double gets ${require.resolve('google-protobuf')}, the client ${clientProtobuf}`);
}

const STREAMS_SERVICE = 'event_store.client.streams.streams';
const DEFAULT_MAX_APPEND_SIZE = 1024 * 1024;

export interface EsdbDoubleOptions {
  /** Advertise Streams/BatchAppend in ServerFeatures, so the client appends through it. Default true. */
  batchAppend?: boolean;
  /** The server's MaxAppendSize in bytes. Default 1 MiB. */
  maxAppendSize?: number;
  /** The server's clock (ms since the epoch): events' `created` and streams' $maxAge go by it. Default Date.now. */
  now?: () => number;
}

interface StoredEvent {
  id: string;
  streamId: string;
  revision: bigint;
  /** Commit and prepare position: equal, as for every non-transactional write. */
  position: bigint;
  type: string;
  contentType: string;
  data: Uint8Array;
  metadata: Uint8Array;
  /** 100 ns ticks since the Unix epoch, as the server sends `created`. */
  created: bigint;
}

type Proposed = Pick<StoredEvent, 'id' | 'type' | 'contentType' | 'data' | 'metadata'>;

type Expected =
  | { kind: 'any' }
  | { kind: 'no_stream' }
  | { kind: 'stream_exists' }
  | { kind: 'revision'; revision: bigint };

type WriteOutcome =
  | { kind: 'success'; revision: bigint | null; position: bigint | null }
  | { kind: 'wrong_expected_version'; current: bigint | null };

/** `$`-prefixed system events a real $all holds before any user event. */
const SYSTEM_SEED: [stream: string, type: string][] = [
  ['$users', '$UserCreated'],
  ['$$$scavenges', '$metadata'],
  ['$projections-$all', '$ProjectionsInitialized'],
  ['$stats-127.0.0.1:2113', '$statsCollected'],
];

/**
 * An in-process EventStoreDB for tests: ServerFeatures/GetSupportedMethods and Streams/Read,
 * Append and BatchAppend, speaking the client's own generated messages, with the server's
 * semantics (see spec/eventstoredb.md). Everything else answers UNIMPLEMENTED. `stop()` drops
 * every connection and `restart()` listens again on the same port with the same log.
 */
export class EsdbDouble {
  /** Completed append requests per RPC, so tests can see which path the client took. */
  readonly writes = { append: 0, batchAppend: 0 };
  /** Where each subscription to $all asked to start, in order: tests check resubscriptions with it. */
  readonly subscriptionStarts: (bigint | 'start' | 'end')[] = [];
  private readonly log: StoredEvent[] = [];
  private readonly streams = new Map<string, StoredEvent[]>();
  /** Where each event id was committed: the server's idempotency cache, never evicted here. */
  private readonly committed = new Map<string, StoredEvent>();
  private readonly onCommit = new Set<() => void>();
  private readonly maxAppendSize: number;
  private readonly now: () => number;
  private server: Server | undefined;
  private port = 0;
  private nextPosition = 0n;

  private constructor(private readonly options: EsdbDoubleOptions) {
    this.maxAppendSize = options.maxAppendSize ?? DEFAULT_MAX_APPEND_SIZE;
    this.now = options.now ?? Date.now;
    for (const [stream, type] of SYSTEM_SEED) {
      const data = Buffer.from('{}');
      this.write(stream, { kind: 'any' }, [{ id: randomUUID(), type, contentType: 'application/json', data, metadata: data }]);
    }
  }

  static async start(options: EsdbDoubleOptions = {}): Promise<EsdbDouble> {
    const double = new EsdbDouble(options);
    await double.listen();
    return double;
  }

  get connectionString(): string {
    return `esdb://127.0.0.1:${this.port}?tls=false`;
  }

  /** Kills the server and every call on it, like a crash; the log survives for `restart()`. */
  async stop(): Promise<void> {
    this.onCommit.clear();
    this.server?.forceShutdown();
    this.server = undefined;
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.listen();
  }

  private async listen(): Promise<void> {
    const server = new Server();
    server.addService(ServerFeaturesService, { getSupportedMethods: this.supportedMethods });
    server.addService(StreamsService, { read: this.read, append: this.append, batchAppend: this.batchAppend });
    this.port = await new Promise<number>((resolve, reject) =>
      server.bindAsync(`127.0.0.1:${this.port}`, ServerCredentials.createInsecure(), (error, port) =>
        error ? reject(error) : resolve(port),
      ),
    );
    this.server = server;
  }

  private readonly supportedMethods = (_call: unknown, callback: sendUnaryData<SupportedMethods>): void => {
    const method = (name: string, features: string[]) =>
      new SupportedMethod().setServiceName(STREAMS_SERVICE).setMethodName(name).setFeaturesList(features);
    const methods = [method('read', ['position', 'events']), method('append', [])];
    if (this.options.batchAppend ?? true) methods.push(method('batchappend', ['deadline_duration']));
    callback(null, new SupportedMethods().setMethodsList(methods).setEventStoreServerVersion('23.10.0'));
  };

  // ---- Streams/Append: options first, then one proposed message per request -------------------

  private readonly append = (
    call: ServerReadableStream<AppendReq, AppendResp>,
    callback: sendUnaryData<AppendResp>,
  ): void => {
    let options: AppendReq.Options | undefined;
    const proposed: Proposed[] = [];
    let size = 0;
    let answered = false;
    const answer = (error: ServerErrorResponse | null, response?: AppendResp) => {
      if (answered) return;
      answered = true;
      callback(error, response);
    };
    call.on('data', (request: AppendReq) => {
      if (options === undefined) {
        options = request.getOptions();
        if (options === undefined) answer(rpcError(status.INVALID_ARGUMENT, 'the first message must carry options'));
        return;
      }
      const message = request.getProposedMessage();
      if (message === undefined) return answer(rpcError(status.INVALID_ARGUMENT, 'expected a proposed message'));
      const event = proposedFrom(message);
      size += sizeOnDisk(event);
      // The server refuses as soon as the running total passes the limit, before the client finishes.
      if (size > this.maxAppendSize) {
        return answer(
          rpcError(status.INVALID_ARGUMENT, `Maximum Append Size of ${this.maxAppendSize} Exceeded.`, {
            exception: 'maximum-append-size-exceeded',
            'maximum-append-size': String(this.maxAppendSize),
          }),
        );
      }
      proposed.push(event);
    });
    call.on('end', () => {
      if (answered || options === undefined) return;
      const expected = expectedFrom(options.getExpectedStreamRevisionCase(), options.getRevision());
      const outcome = this.write(streamName(options.getStreamIdentifier()), expected, proposed);
      this.writes.append += 1;
      answer(null, appendResponse(outcome, expected));
    });
  };

  // ---- Streams/BatchAppend: one long-lived call, requests chunked and matched by correlation id --

  private readonly batchAppend = (call: ServerDuplexStream<BatchAppendReq, BatchAppendResp>): void => {
    const pending = new Map<string, { streamId: string; expected: Expected; proposed: Proposed[]; size: number }>();
    call.on('data', (request: BatchAppendReq) => {
      const correlation = request.getCorrelationId();
      const key = correlation?.getString() ?? '';
      const options = request.getOptions();
      if (options !== undefined) {
        const expected = expectedFrom(options.getExpectedStreamPositionCase(), options.getStreamPosition());
        pending.set(key, { streamId: streamName(options.getStreamIdentifier()), expected, proposed: [], size: 0 });
      }
      const write = pending.get(key);
      if (write === undefined) return; // refused earlier: the rest of its chunks are ignored
      const response = new BatchAppendResp().setCorrelationId(correlation);
      response.setStreamIdentifier(identifier(write.streamId));
      for (const message of request.getProposedMessagesList()) {
        const event = proposedFrom(message);
        write.size += sizeOnDisk(event);
        write.proposed.push(event);
      }
      if (write.size > this.maxAppendSize) {
        pending.delete(key);
        const details = new MaximumAppendSizeExceeded().setMaxappendsize(this.maxAppendSize);
        call.write(response.setError(rpcStatus(status.INVALID_ARGUMENT, 'MaximumAppendSizeExceeded', details)));
        return;
      }
      if (!request.getIsFinal()) return;
      pending.delete(key);
      const outcome = this.write(write.streamId, write.expected, write.proposed);
      this.writes.batchAppend += 1;
      if (outcome.kind === 'success') {
        call.write(response.setSuccess(batchSuccess(outcome)));
      } else {
        // A refusal, not an RPC error: a google.rpc.Status in the response, code 6 ALREADY_EXISTS.
        const details = wrongExpectedVersion(outcome, write.expected);
        call.write(response.setError(rpcStatus(status.ALREADY_EXISTS, 'WrongExpectedVersion', details)));
      }
    });
    call.on('end', () => call.end());
  };

  // ---- Streams/Read: counted reads of a stream or $all, and subscriptions to $all -----------------

  private readonly read = (call: ServerWritableStream<ReadReq, ReadResp>): void => {
    const options = call.request.getOptions();
    const refuse = (code: status, details: string) => void call.emit('error', rpcError(code, details));
    if (options === undefined) return refuse(status.INVALID_ARGUMENT, 'options are required');
    if (options.getUuidOption()?.hasStructured()) return refuse(status.UNIMPLEMENTED, 'structured UUIDs: not implemented');
    const accepts = filterFrom(options);
    if (options.hasSubscription()) {
      const all = options.getAll();
      if (all === undefined) return refuse(status.UNIMPLEMENTED, 'stream subscriptions are not implemented');
      return this.subscribeToAll(call, all, accepts);
    }
    const count = Number(BigInt(options.getCount()));
    const backwards = options.getReadDirection() === ReadReq.Options.ReadDirection.BACKWARDS;
    const stream = options.getStream();
    let events: StoredEvent[];
    if (stream !== undefined) {
      const name = streamName(stream.getStreamIdentifier());
      const stored = this.streams.get(name);
      if (stored === undefined) {
        const notFound = new ReadResp.StreamNotFound().setStreamIdentifier(identifier(name));
        call.write(new ReadResp().setStreamNotFound(notFound));
        call.end();
        return;
      }
      events = this.withinMaxAge(name, readStream(stored, stream, backwards));
    } else {
      events = readAll(this.log, options.getAll() ?? new ReadReq.Options.AllOptions(), backwards);
    }
    for (const event of events.filter(accepts).slice(0, count)) call.write(readResponse(event));
    call.end();
  };

  /** Confirmation, history after the start (exclusive), caughtUp, then each commit as it happens. */
  private subscribeToAll(
    call: ServerWritableStream<ReadReq, ReadResp>,
    all: ReadReq.Options.AllOptions,
    accepts: (event: StoredEvent) => boolean,
  ): void {
    const confirmation = new ReadResp.SubscriptionConfirmation().setSubscriptionId(randomUUID());
    call.write(new ReadResp().setConfirmation(confirmation));
    const position = all.getPosition();
    const start = position !== undefined ? BigInt(position.getCommitPosition()) : all.hasEnd() ? 'end' : 'start';
    this.subscriptionStarts.push(start);
    let next = start === 'start' ? 0 : this.log.length;
    if (typeof start === 'bigint') {
      const index = this.log.findIndex((event) => event.position > start);
      if (index !== -1) next = index;
    }
    let live = false;
    const pump = () => {
      while (next < this.log.length) {
        const event = this.log[next++];
        if (accepts(event)) call.write(readResponse(event));
      }
      if (!live) {
        live = true;
        call.write(new ReadResp().setCaughtUp(new ReadResp.CaughtUp()));
      }
    };
    pump();
    this.onCommit.add(pump);
    call.on('cancelled', () => this.onCommit.delete(pump));
  }

  // ---- the log ------------------------------------------------------------------------------------

  /**
   * A stream's events older than the $maxAge (seconds) of its metadata stream's last `$metadata` event are
   * gone from its reads, as the server does (scavenging reclaims them later; $all reads are not filtered).
   */
  private withinMaxAge(streamId: string, events: StoredEvent[]): StoredEvent[] {
    const meta = this.streams.get(`$$${streamId}`)?.at(-1);
    if (meta === undefined || meta.type !== '$metadata') return events;
    let maxAge: unknown;
    try {
      maxAge = (JSON.parse(Buffer.from(meta.data).toString('utf8')) as { $maxAge?: unknown }).$maxAge;
    } catch {
      return events;
    }
    if (typeof maxAge !== 'number') return events;
    const oldest = BigInt(this.now() - maxAge * 1000) * 10_000n;
    return events.filter((event) => event.created >= oldest);
  }

  /** EventStoreDB's commit check (IndexWriter.CheckCommit), then the write. */
  private write(streamId: string, expected: Expected, proposed: readonly Proposed[]): WriteOutcome {
    const stream = this.streams.get(streamId) ?? [];
    const current = stream.length === 0 ? null : BigInt(stream.length - 1);
    const wrong: WriteOutcome = { kind: 'wrong_expected_version', current };
    const done = ({ revision, position }: StoredEvent): WriteOutcome => ({ kind: 'success', revision, position });

    if (expected.kind === 'stream_exists' && current === null) return wrong;
    if (expected.kind === 'any' || expected.kind === 'stream_exists') {
      // Idempotent when the first id is already in this stream; a partial match is refused.
      const found = proposed.map((event) => this.committed.get(event.id));
      if (found.length > 0 && found[0]?.streamId === streamId) {
        const all = found.every((event) => event?.streamId === streamId);
        return all ? done(found[found.length - 1] as StoredEvent) : wrong;
      }
    } else {
      const expectedRevision = expected.kind === 'no_stream' ? -1n : expected.revision;
      const actual = current ?? -1n;
      if (expectedRevision > actual) return wrong;
      if (expectedRevision < actual) {
        // Idempotent only when exactly these ids already sit right after the expected revision.
        const start = Number(expectedRevision) + 1;
        const same = proposed.length > 0 && proposed.every((event, i) => stream[start + i]?.id === event.id);
        return same ? done(stream[start + proposed.length - 1]) : wrong;
      }
    }
    if (proposed.length === 0) return { kind: 'success', revision: current, position: null };

    let last: StoredEvent | undefined;
    for (const event of proposed) {
      const created = BigInt(this.now()) * 10_000n;
      last = { ...event, streamId, revision: BigInt(stream.length), position: this.nextPosition, created };
      // Positions are byte offsets in the real log: sparse, so nobody can get away with assuming +1.
      this.nextPosition += 87n + BigInt(sizeOnDisk(event));
      stream.push(last);
      this.log.push(last);
      this.committed.set(last.id, last);
    }
    this.streams.set(streamId, stream);
    for (const wake of [...this.onCommit]) wake();
    return done(last as StoredEvent);
  }
}

function readStream(stored: StoredEvent[], options: ReadReq.Options.StreamOptions, backwards: boolean): StoredEvent[] {
  const last = stored.length - 1;
  if (!backwards) {
    const from = options.hasEnd() ? stored.length : options.hasRevision() ? Number(BigInt(options.getRevision())) : 0;
    return stored.slice(from);
  }
  const revision = options.hasRevision() ? Number(BigInt(options.getRevision())) : undefined;
  const from = revision !== undefined ? Math.min(revision, last) : options.hasStart() ? 0 : last;
  return stored.slice(0, from + 1).reverse();
}

/** Forwards from P includes the event at P; backwards from P gives the events before it. */
function readAll(log: StoredEvent[], options: ReadReq.Options.AllOptions, backwards: boolean): StoredEvent[] {
  const at = options.hasPosition() ? BigInt(options.getPosition()?.getCommitPosition() ?? '0') : undefined;
  if (!backwards) {
    if (options.hasEnd()) return [];
    return at === undefined ? log.slice() : log.filter((event) => event.position >= at);
  }
  if (options.hasStart()) return [];
  return (at === undefined ? log.slice() : log.filter((event) => event.position < at)).reverse();
}

/** The filters the client sends: a regex or prefixes, on the event type or the stream name. */
function filterFrom(options: ReadReq.Options): (event: StoredEvent) => boolean {
  const filter = options.getFilter();
  if (filter === undefined) return () => true;
  const onType = filter.hasEventType();
  const expression = onType ? filter.getEventType() : filter.getStreamIdentifier();
  const field = (event: StoredEvent) => (onType ? event.type : event.streamId);
  const prefixes = expression?.getPrefixList() ?? [];
  if (prefixes.length > 0) return (event) => prefixes.some((prefix) => field(event).startsWith(prefix));
  const regex = new RegExp(expression?.getRegex() ?? '');
  return (event) => regex.test(field(event));
}

function readResponse(event: StoredEvent): ReadResp {
  const recorded = new ReadResp.ReadEvent.RecordedEvent()
    .setId(new UUID().setString(event.id))
    .setStreamIdentifier(identifier(event.streamId))
    .setStreamRevision(String(event.revision))
    .setCommitPosition(String(event.position))
    .setPreparePosition(String(event.position))
    .setData(event.data)
    .setCustomMetadata(event.metadata);
  const metadata = recorded.getMetadataMap();
  metadata.set('type', event.type);
  metadata.set('content-type', event.contentType);
  metadata.set('created', String(event.created));
  return new ReadResp().setEvent(new ReadResp.ReadEvent().setEvent(recorded).setCommitPosition(String(event.position)));
}

function appendResponse(outcome: WriteOutcome, expected: Expected): AppendResp {
  if (outcome.kind === 'success') {
    const success = new AppendResp.Success();
    if (outcome.revision === null) success.setNoStream(new Empty());
    else success.setCurrentRevision(String(outcome.revision));
    if (outcome.position === null) success.setNoPosition(new Empty());
    else {
      const position = `${outcome.position}`;
      success.setPosition(new AppendResp.Position().setCommitPosition(position).setPreparePosition(position));
    }
    return new AppendResp().setSuccess(success);
  }
  // Not an RPC error: the server answers a successful call whose result says so.
  const wrong = new AppendResp.WrongExpectedVersion();
  if (outcome.current === null) wrong.setCurrentNoStream(new Empty());
  else wrong.setCurrentRevision(String(outcome.current));
  if (expected.kind === 'any') wrong.setExpectedAny(new Empty());
  else if (expected.kind === 'stream_exists') wrong.setExpectedStreamExists(new Empty());
  else if (expected.kind === 'no_stream') wrong.setExpectedNoStream(new Empty());
  else wrong.setExpectedRevision(String(expected.revision));
  return new AppendResp().setWrongExpectedVersion(wrong);
}

/** Append and BatchAppend number their oneof cases alike: 2 revision, 3 no_stream, 4 any, 5 stream_exists. */
function expectedFrom(kase: number, revision: string): Expected {
  switch (kase) {
    case 2:
      return { kind: 'revision', revision: BigInt(revision) };
    case 3:
      return { kind: 'no_stream' };
    case 5:
      return { kind: 'stream_exists' };
    default:
      return { kind: 'any' };
  }
}

function proposedFrom(message: AppendReq.ProposedMessage | BatchAppendReq.ProposedMessage): Proposed {
  const metadata = message.getMetadataMap();
  return {
    id: message.getId()?.getString() ?? '',
    type: metadata.get('type') ?? '',
    contentType: metadata.get('content-type') ?? 'application/octet-stream',
    data: message.getData_asU8(),
    metadata: message.getCustomMetadata_asU8(),
  };
}

/** Event.SizeOnDisk: what MaxAppendSize is compared with (the type counts two bytes a char). */
function sizeOnDisk(event: Proposed): number {
  return event.data.length + event.metadata.length + event.type.length * 2;
}

function streamName(identifier: StreamIdentifier | undefined): string {
  return Buffer.from(identifier?.getStreamName_asU8() ?? new Uint8Array()).toString('utf8');
}

function identifier(name: string): StreamIdentifier {
  return new StreamIdentifier().setStreamName(new Uint8Array(Buffer.from(name, 'utf8')));
}

function rpcError(code: status, details: string, trailers: Record<string, string> = {}): ServerErrorResponse {
  const metadata = new Metadata();
  for (const [key, value] of Object.entries(trailers)) metadata.set(key, value);
  return Object.assign(new Error(details), { code, details, metadata });
}

/** A google.rpc.Status whose details the client unpacks by type name (`event_store.client.<message>`). */
function rpcStatus(code: status, message: string, details: { serializeBinary(): Uint8Array }): Status {
  const any = new Any();
  any.pack(details.serializeBinary(), `event_store.client.${message}`);
  return new Status().setCode(code as number).setMessage(message).setDetails(any);
}

function batchSuccess(outcome: { revision: bigint | null; position: bigint | null }): BatchAppendResp.Success {
  const success = new BatchAppendResp.Success();
  if (outcome.revision === null) success.setNoStream(new ProtobufEmpty());
  else success.setCurrentRevision(String(outcome.revision));
  if (outcome.position === null) success.setNoPosition(new ProtobufEmpty());
  else {
    const position = `${outcome.position}`;
    success.setPosition(new AllStreamPosition().setCommitPosition(position).setPreparePosition(position));
  }
  return success;
}

function wrongExpectedVersion(outcome: { current: bigint | null }, expected: Expected): WrongExpectedVersion {
  const details = new WrongExpectedVersion();
  if (outcome.current === null) details.setCurrentNoStream(new ProtobufEmpty());
  else details.setCurrentStreamRevision(String(outcome.current));
  if (expected.kind === 'any') details.setExpectedAny(new ProtobufEmpty());
  else if (expected.kind === 'stream_exists') details.setExpectedStreamExists(new ProtobufEmpty());
  else if (expected.kind === 'no_stream') details.setExpectedNoStream(new ProtobufEmpty());
  else details.setExpectedStreamPosition(String(expected.revision));
  return details;
}
