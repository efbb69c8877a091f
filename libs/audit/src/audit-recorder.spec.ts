import type { AuditRecordData, AuditRecordLog, StoredAuditRecord } from '@groupcap/event-store';
import { AuditRecorder } from './audit-recorder';
import { auditPage } from './audit-query';

const record = (userId: string, at = '2026-03-31T01:00:00.000Z'): AuditRecordData => ({
  at, channel: 'http', kind: 'read', actor: { userId, roles: ['officer'] }, action: 'GET /api/v1/customers/C1', subject: { type: 'customer', id: 'C1' }, correlationId: userId, outcome: { status: 200 },
});

class MemoryLog implements AuditRecordLog {
  readonly appends: AuditRecordData[][] = [];
  failNext = false;
  private stored: StoredAuditRecord[] = [];
  async append(records: readonly AuditRecordData[]): Promise<StoredAuditRecord[]> {
    if (this.failNext) {
      this.failNext = false;
      throw new Error('disk full');
    }
    this.appends.push([...records]);
    const written = records.map((r, i) => ({ sequence: BigInt(this.stored.length + i + 1), record: r, previousHash: '', hash: '' }));
    this.stored.push(...written);
    return written;
  }
  async *read(options?: { afterSequence?: bigint }): AsyncIterable<StoredAuditRecord> {
    yield* this.stored.filter((s) => s.sequence > (options?.afterSequence ?? 0n));
  }
}

describe('AuditRecorder', () => {
  it('writes the records that arrive together in one append, in arrival order, and resolves once written', async () => {
    const log = new MemoryLog();
    const recorder = new AuditRecorder(log, { flushIntervalMs: 5 });
    await Promise.all(['a', 'b', 'c'].map((u) => recorder.record(record(u))));
    expect(log.appends.map((batch) => batch.map((r) => r.actor?.userId))).toEqual([['a', 'b', 'c']]);
    expect(recorder.stats).toEqual({ written: 3, failed: 0 });
  });

  it('writes at once when a batch is full', async () => {
    const log = new MemoryLog();
    const recorder = new AuditRecorder(log, { flushIntervalMs: 60_000, maxBatch: 2 });
    await Promise.all([recorder.record(record('a')), recorder.record(record('b'))]);
    expect(log.appends).toHaveLength(1);
    const pending = recorder.record(record('c'));
    await recorder.flush();
    await pending;
    expect(log.appends.map((batch) => batch.length)).toEqual([2, 1]);
  });

  it('rejects the records of a failed append, and goes on with the next ones', async () => {
    const log = new MemoryLog();
    const recorder = new AuditRecorder(log, { flushIntervalMs: 1 });
    log.failNext = true;
    await expect(recorder.record(record('a'))).rejects.toThrow('disk full');
    await expect(recorder.record(record('b'))).resolves.toBeUndefined();
    expect(recorder.stats).toEqual({ written: 1, failed: 1 });
  });
});

describe('auditPage', () => {
  it('filters by actor, subject and time, oldest first, with a cursor', async () => {
    const log = new MemoryLog();
    await log.append([record('a', '2026-03-30T23:59:59.999Z'), record('b', '2026-03-31T00:00:00.000Z'), record('a', '2026-03-31T10:00:00.000Z'), record('a', '2026-04-01T00:00:00.000Z')]);
    const first = await auditPage(log, { actor: 'a', from: new Date('2026-03-31T00:00:00Z') }, { limit: 1 });
    expect(first.items.map((s) => s.sequence)).toEqual([3n]);
    expect(first.next).toBe(3n);
    const second = await auditPage(log, { actor: 'a', from: new Date('2026-03-31T00:00:00Z') }, { cursor: first.next!, limit: 1 });
    expect([second.items.map((s) => s.sequence), second.next]).toEqual([[4n], null]);
    expect((await auditPage(log, { to: new Date('2026-03-31T00:00:00Z') }, { limit: 10 })).items.map((s) => s.sequence)).toEqual([1n]);
    expect((await auditPage(log, { subject: 'C2' }, { limit: 10 })).items).toEqual([]);
  });
});
