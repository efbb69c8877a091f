import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Observable, filter, map, tap } from 'rxjs';
import { BOOK_STREAM } from '@groupcap/domain';
import { EventStore, SubscribeToAllOptions, SubscriptionMessage } from '@groupcap/event-store';
import { BookProjection } from './book.projection';
import { crash } from '../testing/crash';
import { buildReportBook } from '../testing/report-scenario';
import { TestBook } from '../testing/test-book';

/** The store as it was when the log ended at `last`: later events are not there yet. */
function logUpTo(store: EventStore, last: bigint): EventStore {
  return Object.assign(Object.create(store) as EventStore, {
    subscribeToAll: (options?: SubscribeToAllOptions): Observable<SubscriptionMessage> =>
      store.subscribeToAll(options).pipe(
        filter((m) => m.kind !== 'event' || m.event.position <= last),
        map((m): SubscriptionMessage => (m.kind === 'caughtUp' ? { kind: 'caughtUp', position: last } : m)),
      ),
  });
}

/** The store delivering its events, but never saying it caught up: the projection commits them on its idle flush. */
function neverCaughtUp(store: EventStore, delivered: { count: number }): EventStore {
  return Object.assign(Object.create(store) as EventStore, {
    subscribeToAll: (options?: SubscribeToAllOptions): Observable<SubscriptionMessage> =>
      store.subscribeToAll(options).pipe(
        filter((m) => m.kind === 'event'),
        tap(() => (delivered.count += 1)),
      ),
  });
}

/** The store with the event at `position` replaced by one no build can read: applying it throws mid-batch. */
function corruptAt(store: EventStore, position: bigint): EventStore {
  return Object.assign(Object.create(store) as EventStore, {
    subscribeToAll: (options?: SubscribeToAllOptions): Observable<SubscriptionMessage> =>
      store.subscribeToAll(options).pipe(
        map((m): SubscriptionMessage =>
          m.kind === 'event' && m.event.position === position ? { kind: 'event', event: { ...m.event, type: 'Garbled', streamId: BOOK_STREAM } } : m,
        ),
      ),
  });
}

const today = () => '2025-04-10';

describe('projection checkpoint', () => {
  let book: TestBook;
  let head: bigint;
  let dataDir: string;
  let clean: BookProjection;

  beforeAll(async () => {
    book = await buildReportBook();
    head = (await book.store.headPosition()) as bigint;
    clean = new BookProjection(book.store, { today });
    await clean.start();
  });

  afterAll(async () => {
    await clean.stop();
    await book.close();
  });

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'groupcap-projection-'));
  });

  afterEach(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('applies the whole log in small batches exactly as in one go', async () => {
    const batched = new BookProjection(book.store, { today, dataDir, batchSize: 3 });
    await batched.start();
    expect(batched.position()).toBe(head);
    expect(batched.dump()).toBe(clean.dump());
    await batched.stop();
  });

  it('resumes after a crash between batches with nothing applied twice and nothing skipped', async () => {
    const crashed = new BookProjection(logUpTo(book.store, 20n), { today, dataDir, batchSize: 7 });
    await crashed.start();
    expect(crashed.position()).toBe(20n);
    // The process dies here: no stop(), nothing flushed or closed in order. A new one opens the same files.
    crash(crashed);
    const resumed = new BookProjection(book.store, { today, dataDir, batchSize: 7 });
    expect(resumed.position()).toBe(20n);
    await resumed.start();
    expect(resumed.position()).toBe(head);
    expect(resumed.dump()).toBe(clean.dump());
    expect(await resumed.largeCreditReport({ asOf: '2025-03-31' })).toEqual(await clean.largeCreditReport({ asOf: '2025-03-31' }));
    await resumed.stop();
  });

  it('dies with events received but not yet committed, and applies them after the restart', async () => {
    const delivered = { count: 0 };
    const crashed = new BookProjection(neverCaughtUp(book.store, delivered), { today, dataDir, batchSize: 1000 });
    void crashed.start();
    // The store delivers its page in this turn; the projection would commit it on the next one, which never comes.
    await new Promise<void>((resolve) => setImmediate(resolve));
    expect(delivered.count).toBe(Number(head));
    expect(crashed.position()).toBeNull();
    crash(crashed);
    const resumed = new BookProjection(book.store, { today, dataDir });
    expect(resumed.position()).toBeNull();
    await resumed.start();
    expect(resumed.dump()).toBe(clean.dump());
    await resumed.stop();
  });

  it('refuses a second projection on the same data directory while the first runs', async () => {
    const first = new BookProjection(book.store, { today, dataDir });
    expect(() => new BookProjection(book.store, { today, dataDir })).toThrow(/in use by another projection/);
    await first.stop();
    const next = new BookProjection(book.store, { today, dataDir });
    await next.stop();
  });

  it('commits nothing of a batch that fails half-way, and resumes from the batch before it', async () => {
    const errors: unknown[] = [];
    // Batches of 7: 1-7, 8-14, 15-21 commit; 22-28 holds the unreadable event at 25 and rolls back whole.
    const failing = new BookProjection(corruptAt(book.store, 25n), { today, dataDir, batchSize: 7, onError: (e) => errors.push(e) });
    await expect(failing.start()).rejects.toThrow(/Garbled/);
    expect(errors).toHaveLength(1);
    expect(failing.position()).toBe(21n);
    await failing.stop();

    const resumed = new BookProjection(book.store, { today, dataDir, batchSize: 7 });
    expect(resumed.position()).toBe(21n);
    await resumed.start();
    expect(resumed.dump()).toBe(clean.dump());
    expect(resumed.digest()).toBe(clean.digest());
    await resumed.stop();
  });

  it('keeps its read models across a clean restart and only applies what is new', async () => {
    const first = new BookProjection(book.store, { today, dataDir });
    await first.start();
    await first.stop();
    const second = new BookProjection(book.store, { today, dataDir });
    expect(second.position()).toBe(head);
    await second.start();
    expect(second.dump()).toBe(clean.dump());
    await second.stop();
  });
});
