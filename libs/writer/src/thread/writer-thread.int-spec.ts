import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BOOK_STREAM, Role } from '@groupcap/domain';
import { RecordedEvent, openSqliteEventStore } from '@groupcap/event-store';
import { WriterUnavailableError } from '../book-writer';
import { CommandSubmission } from '../command-submission';
import { WriterThread } from './writer-thread';

const officer = { userId: 'officer-1', roles: ['officer'] as Role[] };
const register = (customerId: string, name: string): CommandSubmission => ({ command: { type: 'RegisterCustomer', customerId, name, kind: 'enterprise' }, actor: officer });

describe('WriterThread: the book writer on a thread of its own', () => {
  let dir: string;
  let thread: WriterThread | undefined;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'groupcap-writer-thread-'));
  });
  afterEach(async () => {
    await thread?.stop();
    thread = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  const started = async (businessDate = '2026-03-31', onAppended?: () => void) => {
    thread = new WriterThread({ eventStoreDir: dir, businessDate, idempotencyRetentionMs: 7 * 24 * 3600_000 }, { onAppended });
    await thread.start();
    return thread;
  };

  it('refuses commands with 503 WRITER_UNAVAILABLE until its writer has caught up', async () => {
    thread = new WriterThread({ eventStoreDir: dir, idempotencyRetentionMs: 1000 });
    await expect(thread.submit(register('C1', 'A'))).rejects.toThrow(WriterUnavailableError);
  });

  it('answers as the writer does, in the order given, and the log holds what it accepted', async () => {
    let appends = 0;
    const writer = await started('2026-03-31', () => appends++);
    const [first, repeat, second] = await Promise.all([writer.submit(register('C1', '甲公司')), writer.submit(register('C1', 'again')), writer.submit(register('C2', '乙公司'))]);
    expect(first).toMatchObject({ status: 'accepted', events: [{ type: 'CustomerRegistered', data: { customerId: 'C1', name: '甲公司' } }] });
    // Decided after C1 was: the very same refusal as on the main thread's writer.
    expect(repeat).toMatchObject({ status: 'refused', refusal: { code: 'CUSTOMER_EXISTS' } });
    expect(second).toMatchObject({ status: 'accepted' });
    expect(first.status === 'accepted' && typeof first.position).toBe('bigint');
    // The counters come back with the answers: the three given, and the writer's own review of the day it started on
    // (a log never reviewed: the full review).
    expect(writer.stats).toMatchObject({ commands: 3 + 1, reviewsOfEverySubject: 1 });
    expect(appends).toBeGreaterThanOrEqual(1);

    const store = openSqliteEventStore(dir);
    try {
      const log: RecordedEvent[] = [];
      for await (const e of store.readStream(BOOK_STREAM)) log.push(e);
      expect(log.map((e) => [e.type, (e.data as { customerId: string }).customerId, e.metadata.effectiveDate])).toEqual([
        ['CustomerRegistered', 'C1', '2026-03-31'],
        ['CustomerRegistered', 'C2', '2026-03-31'],
      ]);
    } finally {
      await store.close();
    }
  });

  it('starts again on the same log with the book it left', async () => {
    await (await started()).submit(register('C1', 'A'));
    await thread!.stop();
    const again = await started();
    expect(await again.submit(register('C1', 'B'))).toMatchObject({ status: 'refused', refusal: { code: 'CUSTOMER_EXISTS' } });
  });

  it('refuses commands after it was stopped', async () => {
    const writer = await started();
    await writer.stop();
    await expect(writer.submit(register('C1', 'A'))).rejects.toThrow(WriterUnavailableError);
  });

  it('fails its start when the log cannot be opened, and then refuses every command as unavailable', async () => {
    const file = join(dir, 'not-a-directory');
    writeFileSync(file, 'x');
    const errors: unknown[] = [];
    thread = new WriterThread({ eventStoreDir: file, idempotencyRetentionMs: 1000 }, { onError: (e) => errors.push(e) });
    await expect(thread.start()).rejects.toThrow();
    expect(errors).toHaveLength(1);
    await expect(thread.submit(register('C1', 'A'))).rejects.toThrow(WriterUnavailableError);
  });
});
