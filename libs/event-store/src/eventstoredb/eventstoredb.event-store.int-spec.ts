import { EventStoreDBClient, START, jsonEvent } from '@eventstore/db-client';
import { AppendTooLargeError, IdempotencyRecordsNotWrittenError, StoreUnavailableError, StreamNotFoundError } from '../event-store.errors';
import { IdempotencyRecord, RecordedEvent } from '../event-store.port';
import { eventStoreContract } from '../testing/event-store.contract';
import {
  SubscriptionRecorder,
  collect,
  eventually,
  ids,
  newEvent,
  newEvents,
  nonIncreasing,
  uniqueStream,
} from '../testing/event-store.fixtures';
import { EventStoreDbEventStore, EventStoreDbEventStoreOptions } from './eventstoredb.event-store';
import { EsdbDouble, EsdbDoubleOptions } from './testing/esdb-double';

const MiB = 1024 * 1024;

for (const batchAppend of [true, false]) {
  eventStoreContract(`eventstoredb on the double, ${batchAppend ? 'BatchAppend' : 'Append only'}`, async () => {
    const double = await EsdbDouble.start({ batchAppend });
    const store = new EventStoreDbEventStore(double.connectionString);
    return {
      store,
      teardown: async () => {
        await store.close();
        await double.stop();
      },
    };
  });
}

const realServer = process.env.EVENTSTORE_CONNECTION_STRING;
if (realServer) {
  eventStoreContract('eventstoredb on a real server', async () => {
    const store = new EventStoreDbEventStore(realServer);
    return { store, teardown: () => store.close() };
  });
} else {
  console.info('EventStore contract on a real EventStoreDB skipped: EVENTSTORE_CONNECTION_STRING is not set');
  describe.skip('EventStore contract: eventstoredb on a real server (set EVENTSTORE_CONNECTION_STRING)', () => {
    it('runs the contract suite against the server', () => undefined);
  });
}

describe('EventStoreDbEventStore on the double', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function open(doubleOptions: EsdbDoubleOptions = {}, storeOptions: EventStoreDbEventStoreOptions = {}) {
    const double = await EsdbDouble.start(doubleOptions);
    cleanups.push(() => double.stop());
    const store = new EventStoreDbEventStore(double.connectionString, storeOptions);
    cleanups.push(() => store.close());
    return { double, store };
  }

  function rawClient(double: EsdbDouble): EventStoreDBClient {
    const client = EventStoreDBClient.connectionString(double.connectionString);
    cleanups.push(() => client.dispose());
    return client;
  }

  const isSystem = (event: Pick<RecordedEvent, 'type' | 'streamId'>) => event.type.startsWith('$') || event.streamId.startsWith('$');

  describe('system events', () => {
    it('are in $all, but hidden from readAll, headPosition and subscriptions', async () => {
      const { double, store } = await open();
      const raw = rawClient(double);
      const s = uniqueStream('system');
      const [a, b] = newEvents(2);
      await store.append(s, [a], 'no_stream');
      // Between our events: a `$` type, and an ordinary type in a `$` stream.
      await raw.appendToStream(`$$${s}`, jsonEvent({ type: '$metadata', data: { $maxCount: 10 } }));
      await raw.appendToStream('$ce-contract', jsonEvent({ type: 'ContractTested', data: {} }));
      await store.append(s, [b], 0n);
      // The log ends on a system event, so headPosition has to look past it.
      await raw.appendToStream('$stats-127.0.0.1:2113', jsonEvent({ type: '$statsCollected', data: {} }));

      const everything = await collect(raw.readAll({ fromPosition: START }));
      const systemInLog = everything.filter((resolved) => resolved.event !== undefined && isSystem(resolved.event));
      expect(systemInLog.length).toBeGreaterThanOrEqual(3 + 4); // ours, plus the double's seeds

      const all = await collect(store.readAll());
      expect(all.filter(isSystem)).toEqual([]);
      expect(ids(all)).toEqual(ids([a, b]));

      const [, storedB] = await collect(store.readStream(s));
      expect(await store.headPosition()).toBe(storedB.position);

      const recorder = new SubscriptionRecorder(store.subscribeToAll(), [s]);
      cleanups.push(async () => recorder.unsubscribe());
      await eventually(() => recorder.caughtUp(), 'caughtUp');
      expect(recorder.events().filter(isSystem)).toEqual([]);
      expect(recorder.mine()).toEqual([a.id, b.id, 'caughtUp']);
    });

    it('leave headPosition null when $all holds nothing else', async () => {
      const { store } = await open();
      expect(await store.headPosition()).toBeNull();
      expect(await collect(store.readAll())).toEqual([]);
    });
  });

  describe.each([true, false])('after the server restarts (BatchAppend: %s)', (batchAppend) => {
    it('a subscription resumes where it stopped, without duplicates or gaps, and appends work again', async () => {
      const { double, store } = await open({ batchAppend }, { resubscribe: { initialDelayMs: 50 } });
      const s = uniqueStream('restart');
      const [e1, e2, e3, e4] = newEvents(4);
      const recorder = new SubscriptionRecorder(store.subscribeToAll(), [s]);
      cleanups.push(async () => recorder.unsubscribe());
      await store.append(s, [e1, e2], 'no_stream');
      await eventually(() => recorder.mine().length === 3, 'caughtUp (empty history), then the first two events');

      await double.stop();
      await expect(store.append(s, [e3], 1n)).rejects.toBeInstanceOf(StoreUnavailableError);
      await double.restart();

      // Likely written before the subscription is back (caught up from its last position), then one live.
      await store.append(s, [e3], 1n);
      await eventually(() => recorder.mine().includes(e3.id), 'the event written while the subscription was away');
      await store.append(s, [e4], 2n);
      await eventually(() => recorder.mine().includes(e4.id), 'the live event after the restart');

      expect(recorder.mine()).toEqual(['caughtUp', e1.id, e2.id, e3.id, e4.id]);
      expect(nonIncreasing(recorder.events().map((event) => event.position))).toEqual([]);
      const stored = await collect(store.readStream(s));
      expect(ids(stored)).toEqual(ids([e1, e2, e3, e4]));
      // Subscribed once from the start, then again (once the server was back) after the last event delivered.
      expect(double.subscriptionStarts).toEqual(['start', stored[1].position]);
    });
  });

  describe('when the server is down', () => {
    it('every operation fails with StoreUnavailableError', async () => {
      const { double, store } = await open();
      const s = uniqueStream('down');
      await store.append(s, [newEvent()], 'no_stream');
      await double.stop();
      await expect(store.append(s, [newEvent()], 0n)).rejects.toBeInstanceOf(StoreUnavailableError);
      await expect(collect(store.readStream(s))).rejects.toBeInstanceOf(StoreUnavailableError);
      await expect(collect(store.readAll())).rejects.toBeInstanceOf(StoreUnavailableError);
      await expect(store.headPosition()).rejects.toBeInstanceOf(StoreUnavailableError);
    });

    it('a subscription gives up with StoreUnavailableError after its attempts run out', async () => {
      const { double, store } = await open({}, { resubscribe: { initialDelayMs: 10, maxAttempts: 2 } });
      await double.stop();
      let failure: unknown;
      const subscription = store.subscribeToAll().subscribe({ error: (error) => (failure = error) });
      cleanups.push(async () => subscription.unsubscribe());
      await eventually(() => failure !== undefined, 'the subscription to fail');
      expect(failure).toBeInstanceOf(StoreUnavailableError);
    });
  });

  describe.each([true, false])('batches over the 1 MiB max append size (BatchAppend: %s)', (batchAppend) => {
    const path = batchAppend ? 'batchAppend' : 'append';
    // About 400 KB each: two fit in 1 MiB, three do not.
    const large = () => newEvent({ blob: 'x'.repeat(400_000) });

    it('are written as successive appends, in order, each where the previous one ended', async () => {
      const { double, store } = await open({ batchAppend });
      const s = uniqueStream('split');
      const first = newEvent();
      await store.append(s, [first], 'no_stream');
      const batch = [large(), large(), large()];
      const before = double.writes[path];
      const result = await store.append(s, batch, 0n);
      expect(double.writes[path] - before).toBe(2);
      const stored = await collect(store.readStream(s));
      expect(ids(stored)).toEqual(ids([first, ...batch]));
      expect(result).toEqual({ nextExpectedRevision: 3n, position: stored[3].position });
      // Resending the whole batch lands every part where it already is.
      await expect(store.append(s, batch, 0n)).resolves.toEqual(result);
      expect(await collect(store.readStream(s))).toHaveLength(4);
    });

    it('refuse one event over the max before writing anything', async () => {
      const { double, store } = await open({ batchAppend });
      const s = uniqueStream('huge');
      const before = double.writes[path];
      const error = await store.append(s, [newEvent(), newEvent({ blob: 'x'.repeat(MiB) })], 'any').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppendTooLargeError);
      expect(error).toMatchObject({ maxBytes: MiB });
      expect((error as AppendTooLargeError).bytes).toBeGreaterThan(MiB);
      expect(double.writes[path]).toBe(before);
      await expect(collect(store.readStream(s))).rejects.toBeInstanceOf(StreamNotFoundError);
    });

    it('map the server’s own refusal (a smaller MaxAppendSize than configured) to AppendTooLargeError', async () => {
      const { store } = await open({ batchAppend, maxAppendSize: 1000 });
      const s = uniqueStream('servermax');
      // Two events of a little over 600 bytes each pass the adapter's 1 MiB check but not the server's 1000.
      const error = await store.append(s, [newEvent({ blob: 'x'.repeat(300) }), newEvent({ blob: 'x'.repeat(300) })], 'any').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppendTooLargeError);
      expect(error).toMatchObject({ maxBytes: 1000 });
      await expect(collect(store.readStream(s))).rejects.toBeInstanceOf(StreamNotFoundError);
    });
  });

  describe('idempotency records', () => {
    const DAY = 24 * 3600 * 1000;
    const record = (key: string, answer: unknown = { status: 'refused' }): IdempotencyRecord => ({
      key,
      requestHash: `hash-of-${key}`,
      recordedAt: new Date().toISOString(),
      answer,
    });

    it('live in a stream of their own, which the server expires through its $maxAge', async () => {
      let now = Date.now();
      const { double, store } = await open({ now: () => now });
      const raw = rawClient(double);
      const s = uniqueStream('records');
      await store.append(s, [newEvent()], 'no_stream', { idempotencyRecords: [record('u:1')] });
      const [stored] = await collect(raw.readStream(`groupcap.idempotency-${s}`));
      expect(stored.event).toMatchObject({ type: 'IdempotencyKeyAnswered', data: { key: 'u:1' } });

      await store.idempotencyRecords.expire(s, 7 * DAY, new Date());
      await store.idempotencyRecords.expire(s, 7 * DAY, new Date()); // unchanged: not written again
      expect(await raw.getStreamMetadata(`groupcap.idempotency-${s}`)).toMatchObject({ metadata: { maxAge: 7 * 24 * 3600 } });
      expect(await collect(raw.readStream(`$$groupcap.idempotency-${s}`))).toHaveLength(1);

      now += 7 * DAY - 1000;
      expect((await collect(store.idempotencyRecords.read(s))).map((r) => r.key)).toEqual(['u:1']);
      now += 2000;
      expect(await collect(store.idempotencyRecords.read(s))).toEqual([]);
      // The book's own events are not touched.
      expect(await collect(store.readStream(s))).toHaveLength(1);
    });

    it('that fail to be written after the events report the events’ result with the failure', async () => {
      const { store } = await open();
      const s = uniqueStream('recordsfail');
      const error = await store
        .append(s, [newEvent()], 'no_stream', { idempotencyRecords: [record('u:big', 'x'.repeat(MiB))] })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(IdempotencyRecordsNotWrittenError);
      const [written] = await collect(store.readStream(s));
      expect((error as IdempotencyRecordsNotWrittenError).appended).toEqual({ nextExpectedRevision: 0n, position: written.position });
      expect(await collect(store.idempotencyRecords.read(s))).toEqual([]);
    });

    it('have their stream kept from ordinary appends', async () => {
      const { store } = await open();
      await expect(store.append('groupcap.idempotency-anything', [newEvent()], 'any')).rejects.toThrow(/kept for idempotency records/);
    });
  });

  it('refuses a connection string that turns throwOnAppendFailure off', () => {
    expect(() => new EventStoreDbEventStore('esdb://127.0.0.1:2113?tls=false&throwOnAppendFailure=false')).toThrow(
      /throwOnAppendFailure/,
    );
  });

  describe('the double', () => {
    it('answers UNIMPLEMENTED for what it does not implement', async () => {
      const { double } = await open();
      const raw = rawClient(double);
      await expect(raw.deleteStream('anything')).rejects.toMatchObject({ code: 12 });
      const subscription = raw.subscribeToStream('anything');
      const failure = await new Promise((resolve) => subscription.on('error', resolve));
      expect(failure).toMatchObject({ code: 12 });
    });
  });
});
