import { firstValueFrom, toArray } from 'rxjs';
import { SqliteEventStore, SubscriptionMessage } from '@groupcap/event-store';
import { BoundedLog } from './bounded-log';

const event = (n: number) => ({
  id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  type: 'CustomerRegistered',
  version: 1,
  data: { n },
  metadata: { commandId: `c${n}`, correlationId: `c${n}`, causationId: `c${n}`, actor: { userId: 'u', roles: [] }, recordedAt: '2026-01-01T00:00:00.000Z', effectiveDate: '2026-01-01' },
});

describe('a bounded view of the log', () => {
  let store: SqliteEventStore;
  beforeAll(async () => {
    store = new SqliteEventStore(':memory:');
    await store.append('s', [1, 2, 3, 4, 5].map(event), 'no_stream');
  });
  afterAll(() => store.close());

  const messages = (log: BoundedLog, after?: bigint) => firstValueFrom(log.subscribeToAll(after === undefined ? {} : { afterPosition: after }).pipe(toArray()));
  const summary = (ms: SubscriptionMessage[]) => ms.map((m) => (m.kind === 'event' ? Number(m.event.position) : `caughtUp@${m.position}`));

  it('delivers the log up to the position, says it caught up, and completes: it never goes live', async () => {
    expect(summary(await messages(new BoundedLog(store, { toPosition: 3n })))).toEqual([1, 2, 3, 'caughtUp@3']);
    expect(summary(await messages(new BoundedLog(store)))).toEqual([1, 2, 3, 4, 5, 'caughtUp@5']);
    expect(summary(await messages(new BoundedLog(store, { toPosition: 4n }), 2n))).toEqual([3, 4, 'caughtUp@4']);
  });

  it('reads and reports its head only up to the position, and refuses to write', async () => {
    const log = new BoundedLog(store, { toPosition: 2n });
    const read: bigint[] = [];
    for await (const e of log.readAll()) read.push(e.position);
    expect(read).toEqual([1n, 2n]);
    expect(await log.headPosition()).toBe(2n);
    expect(await new BoundedLog(store, { toPosition: 99n }).headPosition()).toBe(5n);
    await expect(log.append()).rejects.toThrow('read-only');
  });

  it('shows every delivered event to onEvent', async () => {
    const seen: bigint[] = [];
    await messages(new BoundedLog(store, { toPosition: 2n, onEvent: (e) => seen.push(e.position) }));
    expect(seen).toEqual([1n, 2n]);
  });
});
