import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { BOOK_STREAM, BookCommand, Role } from '@groupcap/domain';
import { EventStore, openEventStore, RecordedEvent, SqliteEventStore, StoredIdempotencyRecord, StreamNotFoundError } from '@groupcap/event-store';
import { EsdbDouble } from '../../event-store/src/eventstoredb/testing/esdb-double';
import { BookWriter, BookWriterOptions } from './book-writer';
import { CommandOutcome } from './command-submission';

const DAY = 24 * 60 * 60 * 1000;
const officer = { userId: 'officer-1', roles: ['officer'] as Role[] };
const register = (customerId: string): BookCommand => ({ type: 'RegisterCustomer', customerId, name: customerId, kind: 'enterprise' });
/** Refused on 2026-03-31 (EFFECTIVE_DATE_IN_FUTURE) and accepted from 2026-04-01: a repeat decided afresh would show. */
const tomorrowsCustomer = { command: register('C-next'), effectiveDate: '2026-04-01' };
const key = { key: 'k-refused', requestHash: 'h-refused' };

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  try {
    for await (const item of items) out.push(item);
  } catch (error) {
    if (!(error instanceof StreamNotFoundError)) throw error;
  }
  return out;
}
const readBook = (store: EventStore): Promise<RecordedEvent[]> => collect(store.readStream(BOOK_STREAM));
const readRecords = (store: EventStore): Promise<StoredIdempotencyRecord[]> => collect(store.idempotencyRecords!.read(BOOK_STREAM));

interface Target {
  /** A SQLite file path or an EventStoreDB connection string, for child processes. */
  location: string;
  open(): EventStore;
  stop(): Promise<void>;
}

/** Every store this file runs on; `now` is the store's own clock where it has one (the double's $maxAge). */
const targets: [string, (now: () => number) => Promise<Target>][] = [
  [
    'the embedded SQLite store',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'groupcap-idem-'));
      const file = join(dir, 'events.db');
      return { location: file, open: () => new SqliteEventStore(file), stop: async () => rmSync(dir, { recursive: true, force: true }) };
    },
  ],
  [
    'EventStoreDB (gRPC double)',
    async (now) => {
      const double = await EsdbDouble.start({ now });
      return { location: double.connectionString, open: () => openEventStore({ dataDir: '', env: { EVENT_STORE: 'eventstoredb', EVENTSTORE_CONNECTION_STRING: double.connectionString } }), stop: () => double.stop() };
    },
  ],
];

describe.each(targets)('Idempotency-Keys of refused commands on %s', (_name, setup) => {
  let time = Date.parse('2026-03-31T02:00:00Z');
  let target: Target;
  const opened: { store: EventStore; writer: BookWriter }[] = [];
  const children: ChildProcess[] = [];

  /** A writer on its own connection to the store, as another process would have. */
  async function startWriter(today: string, options: Partial<BookWriterOptions> = {}) {
    const store = target.open();
    const writer = new BookWriter(store, { today: () => today, clock: () => new Date(time), ...options });
    opened.push({ store, writer });
    await writer.start();
    return { store, writer };
  }
  async function close(entry: { store: EventStore; writer: BookWriter }) {
    opened.splice(opened.indexOf(entry), 1);
    await entry.writer.stop();
    await entry.store.close();
  }
  const submit = (writer: BookWriter, submission: object, idempotency = key): Promise<CommandOutcome> =>
    writer.submit({ command: register('unused'), actor: officer, ...submission, idempotency });

  beforeEach(async () => {
    time = Date.parse('2026-03-31T02:00:00Z');
    target = await setup(() => time);
  });
  afterEach(async () => {
    children.splice(0).forEach((child) => child.exitCode === null && child.kill('SIGKILL'));
    for (const entry of [...opened]) await close(entry);
    await target.stop();
  });

  it('answers a repeat after a restart with the first refusal, byte for byte, and records no business event', async () => {
    const first = await startWriter('2026-03-31');
    const refused = await submit(first.writer, tomorrowsCustomer);
    expect(refused).toMatchObject({ status: 'refused', refusal: { code: 'EFFECTIVE_DATE_IN_FUTURE' } });
    await close(first);

    const next = await startWriter('2026-04-01');
    const again = await submit(next.writer, tomorrowsCustomer);
    expect(JSON.stringify(again)).toBe(JSON.stringify(refused));
    expect(await submit(next.writer, { command: register('C-other') }, { key: key.key, requestHash: 'another-body' })).toEqual({
      status: 'idempotency-key-reused',
      key: key.key,
    });
    expect(await readBook(next.store)).toEqual([]);
    expect(await collect(next.store.readAll())).toEqual([]);
    expect(await readRecords(next.store)).toHaveLength(1);
  });

  it('keeps the first refusal when the writer process is killed with SIGKILL', async () => {
    const script = resolve(__dirname, 'testing/refusing-writer-child.js');
    if (!existsSync(resolve(__dirname, '../../../dist/libs/writer/src/index.js'))) throw new Error('run `npm run build` first: the child process runs the compiled writer');
    const child = spawn(process.execPath, [script, target.location, JSON.stringify(tomorrowsCustomer), key.key, key.requestHash], { stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const lines: string[] = [];
    createInterface({ input: child.stdout }).on('line', (line) => lines.push(line));
    const exited = new Promise<NodeJS.Signals | null>((done) => child.on('close', (_code, signal) => done(signal)));
    // The answer, then a few more batches: the kill lands while the writer is busy writing.
    const deadline = Date.now() + 30_000;
    while (lines.filter((l) => l === 'ack').length < 5) {
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`the child did not get going: ${stderr}`);
      await new Promise((r) => setTimeout(r, 10));
    }
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    const answered = JSON.parse(lines[0]) as CommandOutcome;
    expect(answered).toMatchObject({ status: 'refused', refusal: { code: 'EFFECTIVE_DATE_IN_FUTURE' } });

    const next = await startWriter('2026-04-01');
    expect(JSON.stringify(await submit(next.writer, tomorrowsCustomer))).toBe(lines[0]);
    expect((await readBook(next.store)).filter((e) => e.data && (e.data as { customerId?: string }).customerId === 'C-next')).toEqual([]);
  });

  it('is answered the same by a second writer on the same store, started before or after the refusal', async () => {
    const warm = await startWriter('2026-04-01');
    const primary = await startWriter('2026-03-31');
    const refused = await submit(primary.writer, tomorrowsCustomer);
    expect(refused).toMatchObject({ status: 'refused' });
    await close(primary);

    const cold = await startWriter('2026-04-01');
    for (const standby of [warm, cold]) {
      expect(JSON.stringify(await submit(standby.writer, tomorrowsCustomer))).toBe(JSON.stringify(refused));
      expect(await submit(standby.writer, tomorrowsCustomer, { key: key.key, requestHash: 'another-body' })).toEqual({ status: 'idempotency-key-reused', key: key.key });
    }
    expect(await readBook(cold.store)).toEqual([]);
  });

  it('forgets keys, refused and accepted, after the retention of recorded time, in memory and in the store', async () => {
    const first = await startWriter('2026-03-31', { reviewCheckMs: 20 });
    const refused = await submit(first.writer, tomorrowsCustomer);
    const accepted = await submit(first.writer, { command: register('C-1') }, { key: 'k-accepted', requestHash: 'h-accepted' });
    expect(accepted).toMatchObject({ status: 'accepted' });

    time += 7 * DAY; // exactly the retention: still answered
    expect(await submit(first.writer, tomorrowsCustomer)).toEqual(refused);
    expect(await submit(first.writer, { command: register('C-1') }, { key: 'k-accepted', requestHash: 'h-accepted' })).toMatchObject({ status: 'accepted', replayed: true });

    time += 1;
    await close(first);
    // After a restart past the retention the store holds no expired record (SQLite deletes it at start,
    // EventStoreDB's $maxAge hides it), and neither key is answered again: both are decided afresh.
    const next = await startWriter('2026-04-01');
    expect(await readRecords(next.store)).toEqual([]);
    expect(await submit(next.writer, tomorrowsCustomer)).toMatchObject({ status: 'accepted', replayed: false });
    expect(await submit(next.writer, { command: register('C-1') }, { key: 'k-accepted', requestHash: 'h-accepted' })).toMatchObject({
      status: 'refused',
      refusal: { code: 'CUSTOMER_EXISTS' },
    });
  });

  it('answers a key decided in the middle of a batch with its own events, read back from the log, also after a restart', async () => {
    const first = await startWriter('2026-03-31');
    // One batch: the keyed command's event is the second of three, at revision 1.
    const [, keyed] = await Promise.all([
      first.writer.submit({ command: register('C-a'), actor: officer }),
      submit(first.writer, { command: register('C-b') }, { key: 'k-b', requestHash: 'h-b' }),
      first.writer.submit({ command: register('C-c'), actor: officer }),
    ]);
    expect(keyed).toMatchObject({ status: 'accepted', replayed: false, events: [{ type: 'CustomerRegistered', data: { customerId: 'C-b' } }] });
    expect((await readBook(first.store)).map((e) => [e.revision, (e.data as { customerId: string }).customerId])).toEqual([
      [0n, 'C-a'],
      [1n, 'C-b'],
      [2n, 'C-c'],
    ]);
    expect(await submit(first.writer, { command: register('C-b') }, { key: 'k-b', requestHash: 'h-b' })).toEqual({ ...keyed, replayed: true });
    await close(first);
    const next = await startWriter('2026-03-31');
    expect(await submit(next.writer, { command: register('C-b') }, { key: 'k-b', requestHash: 'h-b' })).toEqual({ ...keyed, replayed: true });
    // The key is what the log remembers it by: the command id the writer made for it is marked, so no restart binds it.
    const book = await readBook(next.store);
    expect(book.map((e) => [e.metadata.idempotencyKey, e.metadata.commandIdBy])).toEqual([
      [undefined, undefined],
      ['officer-1:k-b', 'writer'],
      [undefined, undefined],
    ]);
    // So that id, sent as a client's own (it could only be read off the log), names no command, as an unkeyed command's id never did.
    expect(await next.writer.submit({ command: register('C-d'), actor: officer, commandId: book[1].metadata.commandId, requestHash: 'h-d' })).toMatchObject({
      status: 'accepted',
      replayed: false,
    });
  });

  it('binds an X-Command-Id for the same retention as a key, in a running writer and after restarts, then lets it name another command', async () => {
    const withId = (customerId: string, requestHash: string) => ({ command: register(customerId), actor: officer, commandId: 'cmd-1', requestHash });
    const first = await startWriter('2026-03-31');
    const accepted = await first.writer.submit(withId('C-1', 'h-1'));
    expect(accepted).toMatchObject({ status: 'accepted', replayed: false });

    time += 7 * DAY; // exactly the retention: still bound, in the running writer and in one that rebuilt it from the log
    expect(await first.writer.submit(withId('C-1', 'h-1'))).toEqual({ ...accepted, replayed: true });
    await close(first);
    const second = await startWriter('2026-03-31');
    expect(await second.writer.submit(withId('C-1', 'h-1'))).toEqual({ ...accepted, replayed: true });
    expect(await second.writer.submit(withId('C-2', 'h-2'))).toEqual({ status: 'command-id-reused', commandId: 'cmd-1' });

    time += 1; // past it: the id is decided afresh, and now names the new command
    expect(await second.writer.submit(withId('C-2', 'h-2'))).toMatchObject({ status: 'accepted', replayed: false });
    await close(second);
    const third = await startWriter('2026-03-31');
    expect(await third.writer.submit(withId('C-2', 'h-2'))).toMatchObject({ status: 'accepted', replayed: true, events: [{ data: { customerId: 'C-2' } }] });
    expect(await third.writer.submit(withId('C-1', 'h-1'))).toEqual({ status: 'command-id-reused', commandId: 'cmd-1' });
    expect((await readBook(third.store)).map((e) => [e.metadata.commandId, e.metadata.requestHash, e.metadata.commandIdBy])).toEqual([
      ['cmd-1', 'h-1', undefined],
      ['cmd-1', 'h-2', undefined],
    ]);
    // Command ids are not refusals: nothing of them is in the store's idempotency records.
    expect(await readRecords(third.store)).toEqual([]);
  });

  it('forgets an expired refusal in a running writer without a restart', async () => {
    const running = await startWriter('2026-03-31');
    const refused = await submit(running.writer, { command: register('C-1'), effectiveDate: '2026-04-01' });
    expect(refused).toMatchObject({ status: 'refused' });
    time += 7 * DAY + 1;
    // Today is still 2026-03-31 for this writer, so the fresh decision refuses again, with a new record.
    expect(await submit(running.writer, { command: register('C-1'), effectiveDate: '2026-04-01' })).toEqual(refused);
    const records = await readRecords(running.store);
    expect(records.map((r) => r.recordedAt)).toContain(new Date(time).toISOString());
  });
});
