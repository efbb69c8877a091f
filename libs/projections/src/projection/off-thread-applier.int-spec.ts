import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteEventStore } from '@groupcap/event-store';
import { BookProjection } from './book.projection';
import { buildReportBook } from '../testing/report-scenario';
import { TestBook } from '../testing/test-book';

const today = () => '2025-04-10';

/** A projection of the same log applied on the main thread, in memory: the path every other projection spec checks. */
async function onMainThread(book: TestBook): Promise<BookProjection> {
  const projection = new BookProjection(book.store, { today });
  await projection.start();
  return projection;
}

describe('a projection applied on a thread of its own', () => {
  let eventsDir: string;
  let readDir: string;
  let book: TestBook;

  beforeAll(async () => {
    eventsDir = mkdtempSync(join(tmpdir(), 'groupcap-thread-log-'));
    book = await buildReportBook(new TestBook({ store: openSqliteEventStore(eventsDir) }));
  });

  afterAll(async () => {
    await book.close();
    rmSync(eventsDir, { recursive: true, force: true });
  });

  beforeEach(() => {
    readDir = mkdtempSync(join(tmpdir(), 'groupcap-thread-reads-'));
  });

  afterEach(() => {
    rmSync(readDir, { recursive: true, force: true });
  });

  const threaded = () => new BookProjection(book.store, { today, dataDir: readDir, applyOnThread: { eventStoreDir: eventsDir } });

  it('writes the rows and answers the reports of a projection applied on the main thread', async () => {
    const projection = threaded();
    await projection.start();
    const reference = await onMainThread(book);
    try {
      expect(projection.position()).toBe(await book.store.headPosition());
      expect(projection.dump()).toBe(reference.dump());
      expect(await projection.largeCreditReport({ asOf: '2025-03-31' })).toEqual(await reference.largeCreditReport({ asOf: '2025-03-31' }));
      expect(await projection.largeExposureReport({ asOf: '2025-03-31' })).toEqual(await reference.largeExposureReport({ asOf: '2025-03-31' }));
    } finally {
      await reference.stop();
      await projection.stop();
    }
  });

  it('is woken by each append through the store, and its reads then see the event', async () => {
    const projection = threaded();
    await projection.start();
    try {
      const drawnOnLN = () => projection.customer('C-N')?.limits.find((l) => l.limitId === 'LN')?.outstanding;
      expect(drawnOnLN()).toBe('0.00');
      // C-N "Nanhai Foods": LN 50,000,000 with nothing drawn; a loan of 1,250,000 today leaves 1,250,000 outstanding.
      await book.draw('DN1', 'LN', '1250000', 'loan', '2025-04-10');
      expect(await projection.waitFor((await book.store.headPosition()) as bigint, 10_000)).toBe(true);
      expect(drawnOnLN()).toBe('1250000.00');
    } finally {
      await projection.stop();
    }
  });

  it('applies every append of a burst, and one after the thread has read them, woken by the appends alone', async () => {
    // Polled once in ten minutes: within the waits below, only the appends' wakes can bring their events to the thread.
    const projection = new BookProjection(book.store, { today, dataDir: readDir, applyOnThread: { eventStoreDir: eventsDir, pollIntervalMs: 600_000 } });
    await projection.start();
    try {
      const drawnOnLN = () => BigInt((projection.customer('C-N')?.limits.find((l) => l.limitId === 'LN')?.outstanding as string).replace('.', ''));
      const before = drawnOnLN();
      // Twenty loans of 100,000 on LN, each its own append, one after another while the thread reads: 2,000,000 more.
      for (let i = 1; i <= 20; i += 1) await book.draw(`DB${i}`, 'LN', '100000', 'loan', '2025-04-10');
      expect(await projection.waitFor((await book.store.headPosition()) as bigint, 10_000)).toBe(true);
      expect(drawnOnLN() - before).toBe(200_000_000n);
      // Everything read: the next append must wake the thread again (100,000 more, 2,100,000 in all).
      await book.draw('DB21', 'LN', '100000', 'loan', '2025-04-10');
      expect(await projection.waitFor((await book.store.headPosition()) as bigint, 10_000)).toBe(true);
      expect(drawnOnLN() - before).toBe(210_000_000n);
    } finally {
      await projection.stop();
    }
  });

  it("keeps a quarter end's report right while the thread applies events beside the reads", async () => {
    const projection = threaded();
    await projection.start();
    try {
      const nanhai = async () => (await projection.largeCreditReport({ asOf: '2025-03-31' })).rows.find((row) => row.customerId === 'C-N');
      // The first ask keeps the date's rows (reports/large-credit.kept.ts), over the reads' own connection.
      const before = (await nanhai())?.outstanding;
      // Back-dated into the quarter: 2,000,000 drawn on LN on 2025-03-20 adds 2,000,000 to C-N's 03-31 outstanding.
      await book.draw('DN2', 'LN', '2000000', 'loan', '2025-03-20');
      expect(await projection.waitFor((await book.store.headPosition()) as bigint, 10_000)).toBe(true);
      expect(BigInt((await nanhai())?.outstanding.replace('.', '') as string) - BigInt((before as string).replace('.', ''))).toBe(200_000_000n);
      const reference = await onMainThread(book);
      expect(await projection.largeCreditReport({ asOf: '2025-03-31' })).toEqual(await reference.largeCreditReport({ asOf: '2025-03-31' }));
      await reference.stop();
    } finally {
      await projection.stop();
    }
  });

  it('refuses a second projection on the same read-model directory, on its own thread or the main one', async () => {
    const first = threaded();
    await first.start();
    expect(() => threaded()).toThrow(/in use by another projection/);
    expect(() => new BookProjection(book.store, { today, dataDir: readDir })).toThrow(/in use by another projection/);
    await first.stop();
    const next = new BookProjection(book.store, { today, dataDir: readDir });
    await next.stop();
  });

  it('resumes from its checkpoint after a stop, on either thread', async () => {
    const first = threaded();
    await first.start();
    const applied = first.position();
    await first.stop();
    const inline = new BookProjection(book.store, { today, dataDir: readDir });
    expect(inline.position()).toBe(applied);
    await inline.start();
    const reference = await onMainThread(book);
    expect(inline.dump()).toBe(reference.dump());
    await reference.stop();
    await inline.stop();
  });
});
