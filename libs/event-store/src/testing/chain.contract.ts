import { AuditRecordData, ChainedEvent } from '../chain/chain.port';
import { verifyAuditChain, verifyLogChain } from '../chain/verify-chain';
import { EventStore } from '../event-store.port';
import { SubscriptionRecorder, collect, eventually, metadata, newEvent, newEvents, uniqueStream } from './event-store.fixtures';

export function auditRecord(userId: string, subjectId: string, status = 200): AuditRecordData {
  return {
    at: '2025-03-01T09:30:00.000Z',
    channel: 'http',
    kind: status === 403 ? 'denied' : 'read',
    actor: { userId, roles: ['officer'] },
    action: `GET /api/v1/customers/${subjectId}`,
    subject: { type: 'customer', id: subjectId },
    correlationId: `corr-${userId}-${subjectId}`,
    outcome: { status },
  };
}

async function* onlyStream(events: AsyncIterable<ChainedEvent>, streamId: string): AsyncIterable<ChainedEvent> {
  for await (const chained of events) if (chained.event.streamId === streamId) yield chained;
}

/**
 * Hash chains on the log and on the access and refusal records, as every store that offers them must keep them.
 * Called inside the EventStore contract; safe on a shared server (checks its own streams; records are only added).
 */
export function chainContract(getStore: () => EventStore): void {
  describe('hash chains', () => {
    it('links every event of a stream, however it was appended, and keeps the link out of the metadata', async () => {
      const store = getStore();
      const streamId = uniqueStream('chain');
      await store.append(streamId, newEvents(3), 'no_stream');
      await store.append(streamId, newEvents(2), 2n);
      await store.append(streamId, [newEvent({ nested: { b: 1, a: [1, 'x', null] } })], 'any');
      await store.append(streamId, [newEvent()], 'stream_exists');
      const chained = await collect(onlyStream(store.logChain!.readAll(), streamId));
      expect(chained.map((c) => c.event.revision)).toEqual([0n, 1n, 2n, 3n, 4n, 5n, 6n]);
      expect(chained.every((c) => /^[0-9a-f]{64}$/.test(c.chainHash ?? ''))).toBe(true);
      expect(new Set(chained.map((c) => c.chainHash)).size).toBe(7);
      const verification = await verifyLogChain(onlyStream(store.logChain!.readAll(), streamId));
      expect(verification).toMatchObject({ ok: true, events: 7, unchained: 0 });
      expect(verification.streams).toEqual([{ streamId, revision: 6n, hash: chained[6].chainHash }]);
      const [first] = await collect(store.readStream(streamId, { maxCount: 1 }));
      expect(Object.keys(first.metadata).sort()).toEqual(Object.keys(metadata()).sort());
    });

    it('chains access records in order, durably, out of the log', async () => {
      const store = getStore();
      const log = store.auditRecords!;
      const before = await collect(log.read());
      const head = await store.headPosition();
      const marker = uniqueStream('after-records');
      const recorder = new SubscriptionRecorder(store.subscribeToAll({ afterPosition: head ?? undefined }), [marker]);
      try {
        const written = await log.append([auditRecord('alice', 'C1'), auditRecord('bob', 'C2', 403)]);
        const more = await log.append([auditRecord('carol', 'C3')]);
        expect(written.map((r) => r.record.actor?.userId)).toEqual(['alice', 'bob']);
        expect(written[1].previousHash).toBe(written[0].hash);
        expect(more[0].previousHash).toBe(written[1].hash);
        expect(more[0].sequence).toBeGreaterThan(written[1].sequence);
        const after = await collect(log.read({ afterSequence: before.length === 0 ? undefined : before[before.length - 1].sequence }));
        expect(after).toEqual([...written, ...more]);
        expect(after[1].record).toEqual(auditRecord('bob', 'C2', 403));
        await expect(verifyAuditChain(log.read())).resolves.toMatchObject({ ok: true, records: before.length + 3, head: more[0].hash });
        expect(await store.headPosition()).toBe(head);
        const [mark] = [newEvent()];
        await store.append(marker, [mark], 'no_stream');
        await eventually(() => recorder.mine().includes(mark.id), 'the marker event');
        expect(recorder.events().filter((e) => e.streamId.startsWith('groupcap.'))).toEqual([]);
      } finally {
        recorder.unsubscribe();
      }
    });

    it('keeps one chain when appends race', async () => {
      const log = getStore().auditRecords!;
      const batches = await Promise.all(Array.from({ length: 6 }, (_, i) => log.append([auditRecord(`racer-${i}`, 'C9'), auditRecord(`racer-${i}`, 'C8')])));
      expect(batches.flat()).toHaveLength(12);
      await expect(verifyAuditChain(log.read())).resolves.toMatchObject({ ok: true });
    });
  });
}
