import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { BOOK_STREAM, BookCommand, Role } from '@groupcap/domain';
import { EventStore, openEventStore, RecordedEvent, SqliteEventStore } from '@groupcap/event-store';
import { EsdbDouble } from '../../event-store/src/eventstoredb/testing/esdb-double';
import { BookWriter } from './book-writer';
import { CommandOutcome } from './command-submission';

const run = promisify(execFile);
const TODAY = '2026-03-31';
const officer = { userId: 'officer-1', roles: ['officer'] as Role[] };
const admin = { userId: 'admin-1', roles: ['admin'] as Role[] };

async function readBook(store: EventStore): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for await (const e of store.readStream(BOOK_STREAM)) events.push(e);
  return events;
}

describe('BookWriter on the embedded store', () => {
  let dir: string;
  let file: string;
  let store: SqliteEventStore;
  let writer: BookWriter;

  const open = async () => {
    store = new SqliteEventStore(file);
    writer = new BookWriter(store, { today: () => TODAY, clock: () => new Date('2026-03-31T02:00:00Z') });
    await writer.start();
  };
  const submit = (command: BookCommand, actor = officer, extra: object = {}): Promise<CommandOutcome> => writer.submit({ command, actor, ...extra });

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'groupcap-writer-'));
    file = join(dir, 'events.db');
    await open();
  });
  afterEach(async () => {
    await writer.stop();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('records accepted commands with full metadata and writes nothing for a refusal', async () => {
    const accepted = await submit({ type: 'RegisterCustomer', customerId: 'C1', name: '甲公司', kind: 'enterprise' }, officer, { correlationId: 'corr-1' });
    expect(accepted).toMatchObject({ status: 'accepted', pendingApproval: false, replayed: false, events: [{ type: 'CustomerRegistered', version: 1 }] });
    const refused = await submit({ type: 'RegisterCustomer', customerId: 'C1', name: 'again', kind: 'enterprise' });
    expect(refused).toMatchObject({ status: 'refused', refusal: { code: 'CUSTOMER_EXISTS' } });

    const log = await readBook(store);
    expect(log).toHaveLength(1);
    expect(log[0].metadata).toMatchObject({
      actor: { userId: 'officer-1', roles: ['officer'] },
      correlationId: 'corr-1',
      effectiveDate: TODAY,
      recordedAt: '2026-03-31T02:00:00.000Z',
    });
    expect(log[0].metadata.commandId).toEqual(log[0].metadata.causationId);
    expect(accepted.status === 'accepted' && accepted.position).toBe(log[0].position);
  });

  it('writes commands that arrive together in one group commit, each decided against the ones before it', async () => {
    const appends = jest.spyOn(store, 'append');
    const outcomes = await Promise.all(
      Array.from({ length: 50 }, (_, i) => submit({ type: 'RegisterCustomer', customerId: i < 49 ? `C${i}` : 'C0', name: `n${i}`, kind: 'enterprise' })),
    );
    expect(appends).toHaveBeenCalledTimes(1);
    expect(outcomes.filter((o) => o.status === 'accepted')).toHaveLength(49);
    // The 50th repeats C0, registered earlier in the same batch: decided against the batch's own state.
    expect(outcomes[49]).toMatchObject({ status: 'refused', refusal: { code: 'CUSTOMER_EXISTS' } });
    expect(await readBook(store)).toHaveLength(49);
  });

  it('writes the records of keyed refusals in the same append as the batch’s events: one commit for the batch', async () => {
    const appends = jest.spyOn(store, 'append');
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        submit({ type: 'RegisterCustomer', customerId: `C${i}`, name: `n${i}`, kind: 'enterprise' }, officer, {
          idempotency: { key: `k-${i}`, requestHash: `h-${i}` },
          // Every other one is dated tomorrow: refused.
          ...(i % 2 ? { effectiveDate: '2026-04-01' } : {}),
        }),
      ),
    );
    expect(outcomes.filter((o) => o.status === 'refused')).toHaveLength(10);
    expect(appends).toHaveBeenCalledTimes(1);
    expect(appends.mock.calls[0][1]).toHaveLength(10);
    expect(appends.mock.calls[0][3]?.idempotencyRecords?.map((r) => r.key)).toEqual(Array.from({ length: 10 }, (_, i) => `officer-1:k-${2 * i + 1}`));
  });

  it('rebuilds its state from the log on restart', async () => {
    await submit({ type: 'RegisterCustomer', customerId: 'C1', name: 'A', kind: 'enterprise' });
    await writer.stop();
    await store.close();
    await open();
    expect(await submit({ type: 'RegisterCustomer', customerId: 'C1', name: 'A', kind: 'enterprise' })).toMatchObject({ refusal: { code: 'CUSTOMER_EXISTS' } });
  });

  it('answers a repeated Idempotency-Key with the first response, before and after a restart, and refuses it with another body', async () => {
    const idempotency = { key: 'k-1', requestHash: 'h-1' };
    const first = await submit({ type: 'RegisterCustomer', customerId: 'C1', name: 'A', kind: 'enterprise' }, officer, { idempotency });
    const again = await submit({ type: 'RegisterCustomer', customerId: 'C1', name: 'A', kind: 'enterprise' }, officer, { idempotency });
    expect(again).toEqual({ ...first, replayed: true });
    const other = await submit({ type: 'RegisterCustomer', customerId: 'C2', name: 'B', kind: 'enterprise' }, officer, { idempotency: { key: 'k-1', requestHash: 'h-2' } });
    expect(other).toEqual({ status: 'idempotency-key-reused', key: 'k-1' });
    await writer.stop();
    await store.close();
    await open();
    expect(await submit({ type: 'RegisterCustomer', customerId: 'C1', name: 'A', kind: 'enterprise' }, officer, { idempotency })).toEqual({ ...first, replayed: true });
    expect(await readBook(store)).toHaveLength(1);
  });

  it('binds a client command id to its user and request: a repeat is replayed, another request or user refused, before and after a restart', async () => {
    const register = (customerId: string) => ({ type: 'RegisterCustomer', customerId, name: customerId, kind: 'enterprise' }) as const;
    const first = await submit(register('C1'), officer, { commandId: 'cmd-1', requestHash: 'h-1' });
    expect(first).toMatchObject({ status: 'accepted', replayed: false });
    // Same id and request, one batch or later, with or without a fresh Idempotency-Key: the same command again.
    const [again, inBatch] = await Promise.all([
      submit(register('C1'), officer, { commandId: 'cmd-1', requestHash: 'h-1' }),
      submit(register('C1'), officer, { commandId: 'cmd-1', requestHash: 'h-1', idempotency: { key: 'fresh', requestHash: 'h-1' } }),
    ]);
    expect([again, inBatch]).toEqual([{ ...first, replayed: true }, { ...first, replayed: true }]);
    // Another body or endpoint (another hash), or another user with the same request: a conflict, nothing written.
    expect(await submit(register('C2'), officer, { commandId: 'cmd-1', requestHash: 'h-2' })).toEqual({ status: 'command-id-reused', commandId: 'cmd-1' });
    expect(await submit(register('C1'), { userId: 'officer-2', roles: ['officer'] }, { commandId: 'cmd-1', requestHash: 'h-1' })).toEqual({
      status: 'command-id-reused',
      commandId: 'cmd-1',
    });
    // Two new commands with one id in one batch: the first is recorded, the second refused.
    const [x, y] = await Promise.all([
      submit(register('C3'), officer, { commandId: 'cmd-2', requestHash: 'h-3' }),
      submit(register('C4'), officer, { commandId: 'cmd-2', requestHash: 'h-4' }),
    ]);
    expect([x.status, y]).toEqual(['accepted', { status: 'command-id-reused', commandId: 'cmd-2' }]);
    expect((await readBook(store)).map((e) => [e.metadata.commandId, e.metadata.requestHash])).toEqual([['cmd-1', 'h-1'], ['cmd-2', 'h-3']]);

    await writer.stop();
    await store.close();
    await open();
    expect(await submit(register('C1'), officer, { commandId: 'cmd-1', requestHash: 'h-1' })).toEqual({ ...first, replayed: true });
    expect(await submit(register('C5'), officer, { commandId: 'cmd-1', requestHash: 'h-5' })).toEqual({ status: 'command-id-reused', commandId: 'cmd-1' });
    // A refused command binds nothing: its id may name another command later.
    expect(await submit(register('C1'), officer, { commandId: 'cmd-3', requestHash: 'h-6' })).toMatchObject({ refusal: { code: 'CUSTOMER_EXISTS' } });
    expect(await submit(register('C6'), officer, { commandId: 'cmd-3', requestHash: 'h-7' })).toMatchObject({ status: 'accepted', replayed: false });
    expect(await readBook(store)).toHaveLength(3);
  });

  it('leaves a command id without a request hash (CLI, older clients) as it was: recorded, never checked', async () => {
    await submit({ type: 'RegisterCustomer', customerId: 'C1', name: 'A', kind: 'enterprise' }, officer, { commandId: 'cli-1' });
    expect(await submit({ type: 'RegisterCustomer', customerId: 'C2', name: 'B', kind: 'enterprise' }, officer, { commandId: 'cli-1' })).toMatchObject({ status: 'accepted' });
    expect((await readBook(store)).map((e) => e.metadata.requestHash)).toEqual([undefined, undefined]);
  });

  it('a second writer on the same store catches up after a revision conflict instead of interleaving', async () => {
    const otherStore = new SqliteEventStore(file);
    const other = new BookWriter(otherStore, { today: () => TODAY });
    await other.start();
    await submit({ type: 'RegisterCustomer', customerId: 'C1', name: 'A', kind: 'enterprise' });
    // `other` has not seen C1; its append conflicts, it catches up, decides again and refuses.
    const outcome = await other.submit({ command: { type: 'RegisterCustomer', customerId: 'C1', name: 'A', kind: 'enterprise' }, actor: officer });
    expect(outcome).toMatchObject({ status: 'refused', refusal: { code: 'CUSTOMER_EXISTS' } });
    expect(other.stats.conflicts).toBe(1);
    await other.stop();
    await otherStore.close();
  });

  it('reviews every cap on the first batch of a new business day, so expiry alone can cure a breach', async () => {
    let today = TODAY;
    const dayStore = new SqliteEventStore(join(dir, 'days.db'));
    const days = new BookWriter(dayStore, { today: () => today });
    await days.start();
    const run = (command: BookCommand, actor = officer) => days.submit({ command, actor });
    await run({ type: 'DeclareNetCapital', asOf: '2025-12-31', netCapital: '1000000000.00' }, admin);
    await run({ type: 'RegisterCustomer', customerId: 'S', name: 'S', kind: 'enterprise' });
    // 60,000,000.00 within 10% of 1,000,000,000.00; valid until 2026-04-01.
    await run({ type: 'GrantLimit', limitId: 'L1', customerId: 'S', amount: '60000000.00', validFrom: '2026-01-01', validTo: '2026-04-01' });
    // Net capital 500,000,000.00 → cap 50,000,000.00 < 60,000,000.00: breached.
    const lower = await run({ type: 'DeclareNetCapital', asOf: '2026-03-31', netCapital: '500000000.00' }, admin);
    expect(lower.status === 'accepted' && lower.events.map((e) => e.type)).toEqual(['NetCapitalDeclared', 'CapBreached']);

    today = '2026-04-02'; // L1 expired with nothing outstanding: it reports 0.00.
    await run({ type: 'RegisterCustomer', customerId: 'T', name: 'T', kind: 'enterprise' });
    const log = await readBook(dayStore);
    const cure = log.find((e) => e.type === 'CapBreachCured');
    expect(cure).toMatchObject({ data: { customerId: 'S', basis: 'limit', measure: '0.00', reason: 'back-under-cap' }, metadata: { actor: { userId: 'system' }, effectiveDate: '2026-04-02' } });
    expect(log[log.length - 1].type).toBe('CustomerRegistered');
    // The first day's review was of every subject (nothing known before it); every command after it was decided on
    // 2026-03-31, so the review of 2026-04-02 was since then: only S (L1 expired in [03-31, 04-02)) was measured.
    expect(days.stats).toMatchObject({ reviewsOfEverySubject: 1, reviewsSinceLast: 1 });
    await days.stop();
    await dayStore.close();
  });

  it('reviews every subject again once a command of another date was written after its last review', async () => {
    let today = TODAY;
    const dayStore = new SqliteEventStore(join(dir, 'days.db'));
    const days = new BookWriter(dayStore, { today: () => today });
    await days.start();
    await days.submit({ command: { type: 'DeclareNetCapital', asOf: '2025-12-31', netCapital: '1000000000.00' }, actor: admin });
    // Another writer on the same store, on the day before, appends a command: decided (and re-measured) up to its own
    // today, so the book is no longer known to be reviewed on 2026-03-31.
    const behindStore = new SqliteEventStore(join(dir, 'days.db'));
    const behind = new BookWriter(behindStore, { today: () => '2026-03-30' });
    await behind.start();
    expect(await behind.submit({ command: { type: 'RegisterCustomer', customerId: 'Y', name: 'Y', kind: 'enterprise' }, actor: officer })).toMatchObject({ status: 'accepted' });
    await behind.stop();
    await behindStore.close();
    // `days` meets the append (revision conflict), catches up with it, and forgets its basis.
    expect(await days.submit({ command: { type: 'RegisterCustomer', customerId: 'S', name: 'S', kind: 'enterprise' }, actor: officer })).toMatchObject({ status: 'accepted' });
    today = '2026-04-01';
    await days.submit({ command: { type: 'RegisterCustomer', customerId: 'T', name: 'T', kind: 'enterprise' }, actor: officer });
    expect(days.stats).toMatchObject({ reviewsOfEverySubject: 2, reviewsSinceLast: 0 });
    await days.stop();
    await dayStore.close();
  });


});

/**
 * Two writer processes on one store, granting against one cap. Net capital 1,000,000,000.00 → single-customer
 * cap 10% = 100,000,000.00; escalation lifted so grants are immediate. 2 x 30 grants of 3,000,000.00 =
 * 180,000,000.00 requested; exactly 33 fit (99,000,000.00 <= 100,000,000.00). Without fencing, both processes
 * would decide on stale state and grant more.
 */
describe.each([
  ['the embedded SQLite store', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'groupcap-fence-'));
    const file = join(dir, 'events.db');
    return { location: file, open: () => new SqliteEventStore(file), stop: async () => rmSync(dir, { recursive: true, force: true }) };
  }],
  ['EventStoreDB (gRPC double)', async () => {
    const double = await EsdbDouble.start({ batchAppend: true });
    return { location: double.connectionString, open: () => openEventStore({ dataDir: '', env: { EVENT_STORE: 'eventstoredb', EVENTSTORE_CONNECTION_STRING: double.connectionString } }), stop: () => double.stop() };
  }],
] as const)('two writer processes on %s', (_name, setup) => {
  it('never grant past the cap: every decision is made on caught-up state', async () => {
    const script = resolve(__dirname, 'testing/writer-child.js');
    if (!existsSync(resolve(__dirname, '../../../dist/libs/writer/src/index.js'))) throw new Error('run `npm run build` first: the child processes run the compiled writer');
    const target = await setup();
    try {
      let store: EventStore = target.open();
      let writer = new BookWriter(store, { today: () => TODAY });
      await writer.start();
      await writer.submit({ command: { type: 'DeclareNetCapital', asOf: '2025-12-31', netCapital: '1000000000.00' }, actor: admin });
      await writer.submit({ command: { type: 'ChangePolicy', escalationThreshold: '10000000000.00' }, actor: admin });
      await writer.submit({ command: { type: 'RegisterCustomer', customerId: 'C1', name: 'A', kind: 'enterprise' }, actor: officer });
      await writer.stop();
      await store.close();

      const startAt = String(Date.now() + 2000);
      const children = await Promise.all(['alpha', 'beta'].map((name) => run(process.execPath, [script, target.location, name, 'C1', '30', '3000000.00', startAt])));
      const results = children.map((c) => JSON.parse(c.stdout.trim()) as { outcomes: string[]; conflicts: number });
      const all = results.flatMap((r) => r.outcomes);
      expect(all.filter((o) => o === 'accepted')).toHaveLength(33);
      expect(all.filter((o) => o !== 'accepted').every((o) => o === 'CUSTOMER_CAP_EXCEEDED')).toBe(true);

      store = target.open();
      const log = await readBook(store);
      expect(log.filter((e) => e.type === 'LimitGranted')).toHaveLength(33);
      expect(log.map((e) => e.revision)).toEqual(log.map((_, i) => BigInt(i)));
      // The processes really interleaved: the one behind met a revision conflict, caught up and decided again.
      expect(results.reduce((n, r) => n + r.conflicts, 0)).toBeGreaterThan(0);
      await store.close();
    } finally {
      await target.stop();
    }
  });
});
