import { EventStore, ExpectedRevision, IdempotencyRecord, IdempotencyRecordLog, NewEvent } from '../event-store.port';
import { StreamNotFoundError, WrongExpectedRevisionError } from '../event-store.errors';
import {
  SubscriptionRecorder,
  collect,
  eventually,
  ids,
  metadata,
  newEvent,
  newEvents,
  nonIncreasing,
  sleep,
  uniqueStream,
} from './event-store.fixtures';
import { chainContract } from './chain.contract';

export interface ContractFixture {
  store: EventStore;
  teardown(): Promise<void>;
}

/**
 * The behaviour every EventStore adapter must share (semantics of EventStoreDB, see
 * spec/eventstoredb.md). Safe on a shared, non-empty server: every test writes to fresh streams,
 * never assumes where the log starts, and compares positions only with each other.
 */
export function eventStoreContract(name: string, setup: () => Promise<ContractFixture>): void {
  describe(`EventStore contract: ${name}`, () => {
    let fixture: ContractFixture | undefined;
    let store: EventStore;

    beforeAll(async () => {
      fixture = await setup();
      store = fixture.store;
    });
    afterAll(async () => {
      await fixture?.teardown();
    });

    const streamIds = async (streamId: string) => ids(await collect(store.readStream(streamId)));

    async function expectRefused(
      streamId: string,
      events: NewEvent[],
      expected: ExpectedRevision,
      actual: bigint | 'no_stream',
    ): Promise<void> {
      const error = await store.append(streamId, events, expected).then(
        () => new Error(`append at ${String(expected)} should have been refused`),
        (refusal: unknown) => refusal,
      );
      expect(error).toBeInstanceOf(WrongExpectedRevisionError);
      expect(error).toMatchObject({ streamId, actual });
    }

    async function expectRefusedWith(streamId: string, events: NewEvent[], expected: ExpectedRevision, records: IdempotencyRecord[]): Promise<void> {
      const error = await store.append(streamId, events, expected, { idempotencyRecords: records }).then(
        () => new Error(`append at ${String(expected)} should have been refused`),
        (refusal: unknown) => refusal,
      );
      expect(error).toBeInstanceOf(WrongExpectedRevisionError);
    }

    describe('append with an expected revision', () => {
      it('no_stream creates a stream, then is refused with the actual revision', async () => {
        const s = uniqueStream('nostream');
        const [a, b] = newEvents(2);
        await expect(store.append(s, [a, b], 'no_stream')).resolves.toMatchObject({ nextExpectedRevision: 1n });
        await expectRefused(s, [newEvent()], 'no_stream', 1n);
        expect(await streamIds(s)).toEqual([a.id, b.id]);
      });

      it('stream_exists is refused on a missing stream and accepted on an existing one', async () => {
        const s = uniqueStream('exists');
        await expectRefused(s, [newEvent()], 'stream_exists', 'no_stream');
        await expect(collect(store.readStream(s))).rejects.toBeInstanceOf(StreamNotFoundError);
        await store.append(s, [newEvent()], 'any');
        await expect(store.append(s, [newEvent()], 'stream_exists')).resolves.toMatchObject({ nextExpectedRevision: 1n });
      });

      it('an exact revision must equal the last revision of the stream', async () => {
        const s = uniqueStream('exact');
        const written = newEvents(3);
        await store.append(s, written, 'no_stream');
        const next = newEvent();
        await expectRefused(s, [next], 1n, 2n);
        await expectRefused(s, [next], 3n, 2n);
        await expect(store.append(s, [next], 2n)).resolves.toMatchObject({ nextExpectedRevision: 3n });
        expect(await streamIds(s)).toEqual([...ids(written), next.id]);
      });

      it('an exact revision on a missing stream is refused with no_stream as the actual', async () => {
        const s = uniqueStream('exactmissing');
        await expectRefused(s, [newEvent()], 0n, 'no_stream');
        await expect(collect(store.readStream(s))).rejects.toBeInstanceOf(StreamNotFoundError);
      });

      it('any appends whether or not the stream exists', async () => {
        const s = uniqueStream('any');
        await expect(store.append(s, [newEvent()], 'any')).resolves.toMatchObject({ nextExpectedRevision: 0n });
        await expect(store.append(s, newEvents(2), 'any')).resolves.toMatchObject({ nextExpectedRevision: 2n });
      });

      it('reports the revision and global position of the last event written', async () => {
        const s = uniqueStream('result');
        const first = await store.append(s, newEvents(3), 'no_stream');
        const second = await store.append(s, newEvents(1), first.nextExpectedRevision);
        const stored = await collect(store.readStream(s));
        expect(first.nextExpectedRevision).toBe(2n);
        expect(stored[2].position).toBe(first.position);
        expect(second.nextExpectedRevision).toBe(3n);
        expect(stored[3].position).toBe(second.position);
        expect(second.position > first.position).toBe(true);
      });

      it('an empty append writes nothing and reports the current revision', async () => {
        const s = uniqueStream('empty');
        await store.append(s, newEvents(2), 'no_stream');
        await expect(store.append(s, [], 'any')).resolves.toMatchObject({ nextExpectedRevision: 1n });
        await expect(store.append(s, [], 1n)).resolves.toMatchObject({ nextExpectedRevision: 1n });
        expect(await streamIds(s)).toHaveLength(2);
      });
    });

    describe('idempotent re-append', () => {
      it('resending the same events at the same place succeeds without writing them twice', async () => {
        const s = uniqueStream('idem');
        const batch = newEvents(2);
        await store.append(s, batch, 'no_stream');
        await expect(store.append(s, batch, 'no_stream')).resolves.toMatchObject({ nextExpectedRevision: 1n });
        expect(await streamIds(s)).toEqual(ids(batch));
      });

      it('resending with any succeeds without writing them twice', async () => {
        const s = uniqueStream('idemany');
        const batch = newEvents(2);
        await store.append(s, batch, 'any');
        await expect(store.append(s, batch, 'any')).resolves.toMatchObject({ nextExpectedRevision: 1n });
        expect(await streamIds(s)).toEqual(ids(batch));
      });

      it('resending an earlier append after the stream moved on returns its original revision', async () => {
        const s = uniqueStream('idemlate');
        const [a, b, c, d] = newEvents(4);
        await store.append(s, [a], 'no_stream');
        await store.append(s, [b, c], 0n);
        await store.append(s, [d], 2n);
        await expect(store.append(s, [b, c], 0n)).resolves.toMatchObject({ nextExpectedRevision: 2n });
        expect(await streamIds(s)).toEqual(ids([a, b, c, d]));
      });
    });

    describe('reading a stream', () => {
      const s = uniqueStream('read');
      const written = newEvents(5);
      beforeAll(async () => {
        await store.append(s, written, 'no_stream');
      });

      it('reads every event in revision order', async () => {
        const events = await collect(store.readStream(s));
        expect(events.map((e) => [e.streamId, e.revision, e.id])).toEqual(written.map((w, i) => [s, BigInt(i), w.id]));
        expect(nonIncreasing(events.map((e) => e.position))).toEqual([]);
      });

      it('starts at an inclusive revision', async () => {
        const events = await collect(store.readStream(s, { fromRevision: 2n }));
        expect(events.map((e) => e.revision)).toEqual([2n, 3n, 4n]);
      });

      it('stops after maxCount events', async () => {
        expect((await collect(store.readStream(s, { maxCount: 2 }))).map((e) => e.revision)).toEqual([0n, 1n]);
        const one = await collect(store.readStream(s, { fromRevision: 3n, maxCount: 1 }));
        expect(ids(one)).toEqual([written[3].id]);
      });

      it('yields nothing when starting past the end', async () => {
        expect(await collect(store.readStream(s, { fromRevision: 5n }))).toEqual([]);
      });

      it('throws StreamNotFoundError for a stream with no events', async () => {
        await expect(collect(store.readStream(uniqueStream('missing')))).rejects.toBeInstanceOf(StreamNotFoundError);
      });
    });

    describe('reading all', () => {
      const a = uniqueStream('alla');
      const b = uniqueStream('allb');
      const [a1, a2, b1, a3] = newEvents(4);
      let before: bigint | null;
      let results: { position: bigint }[];
      beforeAll(async () => {
        before = await store.headPosition();
        results = [
          await store.append(a, [a1, a2], 'no_stream'),
          await store.append(b, [b1], 'no_stream'),
          await store.append(a, [a3], 1n),
        ];
      });

      it('returns events in commit order with strictly increasing positions', async () => {
        const all = await collect(store.readAll({ fromPosition: before ?? undefined }));
        const ours = all.filter((e) => e.streamId === a || e.streamId === b);
        expect(ids(ours)).toEqual(ids([a1, a2, b1, a3]));
        expect(nonIncreasing(all.map((e) => e.position))).toEqual([]);
        expect([ours[1], ours[2], ours[3]].map((e) => e.position)).toEqual(results.map((r) => r.position));
      });

      it('starts at an inclusive position', async () => {
        const [stored] = await collect(store.readStream(b));
        const first = await collect(store.readAll({ fromPosition: stored.position, maxCount: 1 }));
        expect(ids(first)).toEqual([b1.id]);
        const rest = await collect(store.readAll({ fromPosition: stored.position }));
        expect(ids(rest.filter((e) => e.streamId === a || e.streamId === b))).toEqual([b1.id, a3.id]);
      });

      it('headPosition is at or after the last append', async () => {
        const head = await store.headPosition();
        expect(head !== null && head >= results[2].position).toBe(true);
      });
    });

    describe('subscribing to all', () => {
      const recorders: SubscriptionRecorder[] = [];
      const subscribe = (afterPosition: bigint | null, streams: string[]) => {
        const recorder = new SubscriptionRecorder(
          store.subscribeToAll(afterPosition === null ? {} : { afterPosition }),
          streams,
        );
        recorders.push(recorder);
        return recorder;
      };
      afterEach(() => recorders.splice(0).forEach((recorder) => recorder.unsubscribe()));

      it('delivers history, then caughtUp once, then live events, in position order', async () => {
        const s = uniqueStream('sub');
        const before = await store.headPosition();
        const [h1, h2, l1, l2] = newEvents(4);
        const history = await store.append(s, [h1, h2], 'no_stream');
        const recorder = subscribe(before, [s]);
        await eventually(() => recorder.caughtUp(), 'caughtUp');
        expect(recorder.mine()).toEqual([h1.id, h2.id, 'caughtUp']);
        await store.append(s, [l1], 1n);
        await store.append(s, [l2], 2n);
        await eventually(() => recorder.mine().length === 5, 'the live events');
        expect(recorder.mine()).toEqual([h1.id, h2.id, 'caughtUp', l1.id, l2.id]);
        expect(nonIncreasing(recorder.events().map((e) => e.position))).toEqual([]);
        const caughtUp = recorder.messages.find((m) => m.kind === 'caughtUp');
        if (caughtUp?.kind === 'caughtUp' && caughtUp.position !== null) {
          expect(caughtUp.position >= history.position).toBe(true);
        }
      });

      it('starts after a stored position, excluding the event at it', async () => {
        const s = uniqueStream('subafter');
        const [e1, e2, e3] = newEvents(3);
        await store.append(s, [e1, e2, e3], 'no_stream');
        const stored = await collect(store.readStream(s));
        const recorder = subscribe(stored[1].position, [s]);
        await eventually(() => recorder.caughtUp(), 'caughtUp');
        expect(recorder.mine()).toEqual([e3.id, 'caughtUp']);
      });

      it('gives two subscribers every event in the same order', async () => {
        const s = uniqueStream('subtwo');
        const before = await store.headPosition();
        const [x, y, z] = newEvents(3);
        const first = subscribe(before, [s]);
        const second = subscribe(before, [s]);
        await store.append(s, [x, y], 'no_stream');
        await store.append(s, [z], 1n);
        const ours = (r: SubscriptionRecorder) => r.mine().filter((m) => m !== 'caughtUp');
        await eventually(() => ours(first).length === 3 && ours(second).length === 3, 'three events on each');
        expect(ours(first)).toEqual(ids([x, y, z]));
        expect(ours(second)).toEqual(ids([x, y, z]));
      });

      it('stops delivering after unsubscribe', async () => {
        const s = uniqueStream('subunsub');
        const before = await store.headPosition();
        const [e1, e2] = newEvents(2);
        const leaving = subscribe(before, [s]);
        const staying = subscribe(before, [s]);
        await store.append(s, [e1], 'no_stream');
        await eventually(() => leaving.mine().includes(e1.id), 'the first event');
        leaving.unsubscribe();
        await store.append(s, [e2], 0n);
        await eventually(() => staying.mine().includes(e2.id), 'the second event on the other subscriber');
        await sleep(200);
        expect(leaving.mine().filter((m) => m !== 'caughtUp')).toEqual([e1.id]);
      });
    });

    describe('round trip', () => {
      it('returns data and metadata exactly as written, unicode and decimal strings included', async () => {
        const s = uniqueStream('roundtrip');
        const data = {
          groupName: '华夏控股集团有限公司',
          customerName: 'Zürich Ålesund Ωmega 🚀',
          amount: '150000000.00',
          smallest: '0.01',
          ratio: '0.1500',
          bigFen: '900719925474099312345',
          nested: { list: [1, 'two', null, true, { deep: 'é\n"quoted"\\' }], empty: {} },
          zero: 0,
          negative: -12,
          flag: false,
          nothing: null,
        };
        const meta = { ...metadata(), actor: { userId: '王伟', roles: ['授信审批员', 'admin'] } };
        const event: NewEvent = { id: newEvent().id, type: 'LimitGranted', version: 2, data, metadata: meta };
        const result = await store.append(s, [event], 'no_stream');
        const expected = { id: event.id, streamId: s, revision: 0n, type: 'LimitGranted', version: 2, data, metadata: meta };
        const [fromStream] = await collect(store.readStream(s));
        expect(fromStream).toStrictEqual({ ...expected, position: result.position });
        const [fromAll] = await collect(store.readAll({ fromPosition: result.position, maxCount: 1 }));
        expect(fromAll).toStrictEqual({ ...expected, position: result.position });
      });
    });

    describe('idempotency records', () => {
      const log = (): IdempotencyRecordLog => {
        if (!store.idempotencyRecords) throw new Error('this adapter keeps no idempotency records');
        return store.idempotencyRecords;
      };
      const record = (key: string, recordedAt = new Date().toISOString()): IdempotencyRecord => ({
        key,
        requestHash: `hash-of-${key}`,
        recordedAt,
        answer: { status: 'refused', refusal: { refused: true, code: 'LIMIT_NOT_FOUND', message: '额度 L-9 不存在', details: { limitId: 'L-9', amounts: ['1.00', null] } } },
      });
      const keysOf = async (s: string, afterSequence?: bigint) => (await collect(log().read(s, { afterSequence }))).map((r) => r.key);

      it('are written with the events, or alone, and read back exactly, in order, from a sequence on', async () => {
        const s = uniqueStream('records');
        const [a, b] = [record('u:a'), record('u:b')];
        await store.append(s, [newEvent()], 'no_stream', { idempotencyRecords: [a] });
        await store.append(s, [], 0n, { idempotencyRecords: [b, record('u:c')] });
        const stored = await collect(log().read(s));
        expect(stored.map(({ sequence: _, ...r }) => r)).toStrictEqual([a, b, record('u:c', stored[2].recordedAt)]);
        expect(nonIncreasing(stored.map((r) => r.sequence))).toEqual([]);
        expect(await keysOf(s, stored[0].sequence)).toEqual(['u:b', 'u:c']);
        expect(await keysOf(s, stored[2].sequence)).toEqual([]);
        expect(await keysOf(uniqueStream('norecords'))).toEqual([]);
      });

      it('report the last sequence written only when it follows on from what the caller has read', async () => {
        const s = uniqueStream('recordsthrough');
        const first = await store.append(s, [], 'no_stream', { idempotencyRecords: [record('u:1'), record('u:2')] });
        const [, second] = await collect(log().read(s));
        expect(first.idempotencyRecordsThrough).toBe(second.sequence);
        // Another writer's record lands after what this caller read: its cursor must not skip it.
        await store.append(s, [], 'no_stream', { idempotencyRecords: [record('u:other')], idempotencyRecordsAfter: second.sequence });
        const mine = await store.append(s, [], 'no_stream', { idempotencyRecords: [record('u:3')], idempotencyRecordsAfter: second.sequence });
        expect(mine.idempotencyRecordsThrough).toBeUndefined();
        const all = await collect(log().read(s));
        const next = await store.append(s, [], 'no_stream', { idempotencyRecords: [record('u:4')], idempotencyRecordsAfter: all[all.length - 1].sequence });
        expect(next.idempotencyRecordsThrough).toBe((await collect(log().read(s))).at(-1)?.sequence);
      });

      it('are not written when the expected revision is refused, with or without events', async () => {
        const s = uniqueStream('recordsrefused');
        await store.append(s, [newEvent()], 'no_stream');
        await expectRefusedWith(s, [newEvent()], 5n, [record('u:x')]);
        await expectRefusedWith(s, [], 'no_stream', [record('u:y')]);
        expect(await keysOf(s)).toEqual([]);
      });

      it('never show in readAll, subscribeToAll or headPosition', async () => {
        const s = uniqueStream('recordshidden');
        const before = await store.headPosition();
        const recorder = new SubscriptionRecorder(store.subscribeToAll(before === null ? {} : { afterPosition: before }), [s]);
        try {
          const written = await store.append(s, [newEvent()], 'no_stream', { idempotencyRecords: [record('u:h1')] });
          await store.append(s, [], 0n, { idempotencyRecords: [record('u:h2')] });
          expect(await store.headPosition()).toBe(written.position);
          const all = await collect(store.readAll({ fromPosition: before ?? undefined }));
          expect(all.filter((e) => e.position > written.position)).toEqual([]);
          await eventually(() => recorder.caughtUp() && recorder.mine().length === 2, 'the event');
          await sleep(100);
          expect(recorder.events().filter((e) => e.position > written.position)).toEqual([]);
        } finally {
          recorder.unsubscribe();
        }
      });

      it('expire keeps the records within the retention', async () => {
        const s = uniqueStream('recordskept');
        await store.append(s, [], 'no_stream', { idempotencyRecords: [record('u:k')] });
        await log().expire(s, 7 * 24 * 3600 * 1000, new Date());
        expect(await keysOf(s)).toEqual(['u:k']);
      });
    });

    describe('large batches', () => {
      it('appends 1000 events in one batch and reads them back in order', async () => {
        const s = uniqueStream('large');
        const before = await store.headPosition();
        const batch = Array.from({ length: 1000 }, (_, index) => newEvent({ index, amount: `${index}.05` }));
        const result = await store.append(s, batch, 'no_stream');
        expect(result.nextExpectedRevision).toBe(999n);
        const stored = await collect(store.readStream(s));
        expect(ids(stored)).toEqual(ids(batch));
        expect(stored.map((e) => e.revision)).toEqual(batch.map((_, i) => BigInt(i)));
        expect(stored[999].data).toEqual({ index: 999, amount: '999.05' });
        const ours = (await collect(store.readAll({ fromPosition: before ?? undefined }))).filter((e) => e.streamId === s);
        expect(ours).toHaveLength(1000);
        expect(nonIncreasing(ours.map((e) => e.position))).toEqual([]);
        expect(ours[999].position).toBe(result.position);
      });
    });

    chainContract(() => store);
  });
}
