import Database from 'better-sqlite3';
import { ChildProcess, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { DuplicateEventIdError, StreamNotFoundError, WrongExpectedRevisionError } from '../event-store.errors';
import { openSqliteEventStore } from '../index';
import { eventStoreContract } from '../testing/event-store.contract';
import {
  SubscriptionRecorder,
  collect,
  eventually,
  ids,
  newEvent,
  newEvents,
  uniqueStream,
} from '../testing/event-store.fixtures';
import { SqliteEventStore } from './sqlite.event-store';

const tempDirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'groupcap-events-'));
  tempDirs.push(dir);
  return dir;
}
const tempFile = () => join(tempDir(), 'events.db');
afterAll(() => tempDirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

eventStoreContract('sqlite', async () => {
  const store = new SqliteEventStore(tempFile());
  return { store, teardown: () => store.close() };
});

// Two-row pages put a page boundary inside almost every read and catch-up.
eventStoreContract('sqlite with two-row pages', async () => {
  const store = new SqliteEventStore(tempFile(), { pageSize: 2 });
  return { store, teardown: () => store.close() };
});

describe('SqliteEventStore', () => {
  const open: SqliteEventStore[] = [];
  const openStore = (file: string, options?: ConstructorParameters<typeof SqliteEventStore>[1]) => {
    const store = new SqliteEventStore(file, options);
    open.push(store);
    return store;
  };
  afterEach(async () => {
    await Promise.all(open.splice(0).map((store) => store.close()));
  });

  it('keeps every event across close and reopen, and never reuses a position', async () => {
    const file = tempFile();
    const s = uniqueStream('reopen');
    const first = openStore(file);
    const written = newEvents(3);
    const before = await first.append(s, written, 'no_stream');
    await first.close();

    const second = openStore(file);
    const stored = await collect(second.readStream(s));
    expect(ids(stored)).toEqual(ids(written));
    expect(stored[2].position).toBe(before.position);
    const after = await second.append(s, [newEvent()], 2n);
    expect(after.position > before.position).toBe(true);
    expect(await second.headPosition()).toBe(after.position);
  });

  it('writes a WAL journal and records its schema version in the file', async () => {
    const file = tempFile();
    openStore(file);
    const db = new Database(file, { readonly: true });
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('user_version', { simple: true })).toBe(3);
    } finally {
      db.close();
    }
  });

  it('an idempotent re-append returns the original position as well as the revision', async () => {
    const store = openStore(tempFile());
    const s = uniqueStream('idem');
    const batch = newEvents(2);
    const original = await store.append(s, batch, 'no_stream');
    await store.append(s, [newEvent()], 1n);
    await expect(store.append(s, batch, 'no_stream')).resolves.toEqual(original);
    expect(await collect(store.readStream(s))).toHaveLength(3);
  });

  it('refuses an event id stored at another place, or repeated in a batch, and writes nothing', async () => {
    const store = openStore(tempFile());
    const s = uniqueStream('dup');
    const other = uniqueStream('dupother');
    const [a, b] = newEvents(2);
    await store.append(s, [a], 'no_stream');
    await expect(store.append(other, [a], 'any')).rejects.toBeInstanceOf(DuplicateEventIdError);
    await expect(store.append(s, [b, a], 0n)).rejects.toMatchObject({ name: 'DuplicateEventIdError', eventId: a.id });
    await expect(store.append(other, [b, b], 'no_stream')).rejects.toBeInstanceOf(DuplicateEventIdError);
    // The expected revision is checked before the ids, as before the ids were looked up only on a clash.
    await expect(store.append(s, [b, a], 5n)).rejects.toBeInstanceOf(WrongExpectedRevisionError);
    // The clash comes after b's row is inserted: b and the idempotency record go with the rolled-back savepoint.
    const record = { key: 'k-dup', requestHash: 'h', recordedAt: '2026-03-31T01:00:00.000Z', answer: { status: 'refused' } };
    await expect(store.append(s, [b, a], 'any', { idempotencyRecords: [record] })).rejects.toMatchObject({ name: 'DuplicateEventIdError', eventId: a.id });
    await expect(collect(store.readStream(other))).rejects.toBeInstanceOf(StreamNotFoundError);
    expect(ids(await collect(store.readStream(s)))).toEqual([a.id]);
    expect(await collect(store.idempotencyRecords.read(s))).toEqual([]);
    // Then b goes through: the refused attempts left nothing of it behind.
    await expect(store.append(s, [b], 0n)).resolves.toMatchObject({ nextExpectedRevision: 1n });
  });

  it('an empty append still checks the expected revision, and reports -1 for a missing stream', async () => {
    const store = openStore(tempFile());
    const s = uniqueStream('emptymissing');
    await expect(store.append(s, [], 'no_stream')).resolves.toEqual({ nextExpectedRevision: -1n, position: -1n });
    await expect(store.append(s, [], 0n)).rejects.toMatchObject({ actual: 'no_stream' });
    await expect(store.append(s, [], 0n)).rejects.toBeInstanceOf(WrongExpectedRevisionError);
  });

  it('a subscription picks up events appended through another connection by polling', async () => {
    const file = tempFile();
    const reader = openStore(file, { pollIntervalMs: 20 });
    const writer = openStore(file);
    const s = uniqueStream('poll');
    const recorder = new SubscriptionRecorder(reader.subscribeToAll(), [s]);
    try {
      await eventually(() => recorder.caughtUp(), 'caughtUp');
      const written = newEvents(2);
      await writer.append(s, written, 'no_stream');
      await eventually(() => recorder.mine().length === 3, 'the events written by the other connection');
      expect(recorder.mine()).toEqual(['caughtUp', ...ids(written)]);
    } finally {
      recorder.unsubscribe();
    }
  });

  it('close completes open subscriptions', async () => {
    const store = openStore(tempFile());
    const completed = new Promise<void>((done) => store.subscribeToAll().subscribe({ complete: done }));
    await store.close();
    await expect(completed).resolves.toBeUndefined();
  });

  it('adds the idempotency records table to a file of schema 1, keeping its events', async () => {
    const file = tempFile();
    const s = uniqueStream('v1');
    const first = openStore(file);
    const written = newEvents(2);
    await first.append(s, written, 'no_stream');
    await first.close();
    const db = new Database(file);
    db.exec('DROP TABLE idempotency_records');
    db.pragma('user_version = 1');
    db.close();

    const upgraded = openStore(file);
    expect(ids(await collect(upgraded.readStream(s)))).toEqual(ids(written));
    await upgraded.append(s, [], 1n, { idempotencyRecords: [{ key: 'u:k', requestHash: 'h', recordedAt: '2026-03-31T02:00:00Z', answer: { ok: false } }] });
    expect(await collect(upgraded.idempotencyRecords.read(s))).toEqual([
      { sequence: 1n, key: 'u:k', requestHash: 'h', recordedAt: '2026-03-31T02:00:00.000Z', answer: { ok: false } },
    ]);
  });

  it('migrates a file of schema 2 (owner-only, as the previous build left it) to 3: events kept unchained, later ones chained, audit records added', async () => {
    const dir = tempDir();
    const file = join(dir, 'events.db');
    // Schema 2 exactly as the build before chaining made it: no chain_hash, no audit_records.
    const old = new Database(file);
    old.exec(`
      CREATE TABLE events (
        position INTEGER PRIMARY KEY AUTOINCREMENT, stream_id TEXT NOT NULL, revision INTEGER NOT NULL,
        event_id TEXT NOT NULL UNIQUE, type TEXT NOT NULL, version INTEGER NOT NULL, data TEXT NOT NULL,
        metadata TEXT NOT NULL, UNIQUE (stream_id, revision));
      CREATE TABLE idempotency_records (
        sequence INTEGER PRIMARY KEY AUTOINCREMENT, stream_id TEXT NOT NULL, key TEXT NOT NULL,
        request_hash TEXT NOT NULL, recorded_at TEXT NOT NULL, answer TEXT NOT NULL);
      INSERT INTO events (stream_id, revision, event_id, type, version, data, metadata)
        VALUES ('s-v2', 0, '00000000-0000-4000-8000-000000000001', 'Old', 1, '{}', '{}');
      INSERT INTO idempotency_records (stream_id, key, request_hash, recorded_at, answer)
        VALUES ('s-v2', 'k', 'h', '2026-03-31T02:00:00.000Z', 'null');
    `);
    old.pragma('user_version = 2');
    old.close();
    chmodSync(file, 0o600);

    const upgraded = openStore(file);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    await upgraded.append('s-v2', newEvents(1), 0n);
    const chained = await collect(upgraded.logChain.readAll());
    expect(chained.map((c) => [c.event.revision, c.chainHash === null])).toEqual([
      [0n, true],
      [1n, false],
    ]);
    expect((await collect(upgraded.idempotencyRecords.read('s-v2'))).map((r) => r.key)).toEqual(['k']);
    await upgraded.auditRecords.append([{ at: '2026-03-31T02:00:00.000Z', channel: 'http', kind: 'read', actor: null, action: 'GET /x', subject: null, correlationId: 'c', outcome: { status: 200 } }]);
    expect(await collect(upgraded.auditRecords.read())).toHaveLength(1);
    const db = new Database(file, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(3);
    db.close();
  });

  it('expire deletes the idempotency records older than the retention, and only those of the stream', async () => {
    const store = openStore(tempFile());
    const [s, other] = [uniqueStream('expire'), uniqueStream('expireother')];
    const at = (key: string, recordedAt: string) => ({ key, requestHash: 'h', recordedAt, answer: null });
    await store.append(s, [], 'no_stream', { idempotencyRecords: [at('old', '2026-03-23T23:59:59.999Z'), at('edge', '2026-03-24T00:00:00.000Z'), at('new', '2026-03-30T00:00:00.000Z')] });
    await store.append(other, [], 'no_stream', { idempotencyRecords: [at('other', '2026-03-01T00:00:00.000Z')] });
    await store.idempotencyRecords.expire(s, 7 * 24 * 3600 * 1000, new Date('2026-03-31T00:00:00Z'));
    expect((await collect(store.idempotencyRecords.read(s))).map((r) => r.key)).toEqual(['edge', 'new']);
    expect((await collect(store.idempotencyRecords.read(other))).map((r) => r.key)).toEqual(['other']);
  });

  it('openSqliteEventStore creates the data directory and events.db in it', async () => {
    const dataDir = join(tempDir(), 'nested', 'data');
    const store = openSqliteEventStore(dataDir);
    open.push(store);
    expect(existsSync(join(dataDir, 'events.db'))).toBe(true);
  });
});

describe('SqliteEventStore shared by processes', () => {
  // Two OS processes with fsyncs on a shared 2-core machine: a stall now and then must not fail CI, while a
  // wrong result still fails every attempt (each retry checks everything again on a new file).
  jest.retryTimes(2, { logErrorsBeforeRetry: true });
  const testingDir = resolve(__dirname, '../testing');
  const distIndex = resolve(__dirname, '../../../../dist/libs/event-store/src/index.js');
  const children: ChildProcess[] = [];

  beforeAll(() => {
    if (!existsSync(distIndex)) throw new Error(`${distIndex} is missing: run \`npm run build\` first`);
  });
  afterEach(() => children.splice(0).forEach((child) => child.exitCode === null && child.kill('SIGKILL')));

  /** Starts a child script, handing each stdout line to `onLine`; resolves with its exit when it ends. */
  function run(script: string, args: string[], onLine: (line: string) => void) {
    const child = spawn(process.execPath, [join(testingDir, script), ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    children.push(child);
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    createInterface({ input: child.stdout }).on('line', onLine);
    const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((done) =>
      child.on('close', (code, signal) => done({ code, signal, stderr })),
    );
    return { child, exit };
  }

  it('two writers racing on one revision never both win, and no win is lost', async () => {
    const file = tempFile();
    const s = uniqueStream('race');
    const winsEach = 30;
    const ready: Promise<void>[] = [];
    const summaries: string[] = [];
    const writers = ['left', 'right'].map((name) => {
      let markReady!: () => void;
      ready.push(new Promise((done) => (markReady = done)));
      return run('race-writer.js', [file, s, name, String(winsEach)], (line) =>
        line === 'ready' ? markReady() : summaries.push(line),
      );
    });
    await Promise.all(ready);
    writers.forEach(({ child }) => child.stdin?.end('go\n'));
    for (const { exit } of writers) expect(await exit).toMatchObject({ code: 0, stderr: '' });

    type Summary = { wins: { id: string; revision: string }[]; refusals: { name: string; expected: string; actual: string }[] };
    const [left, right] = summaries.map((line) => JSON.parse(line) as Summary);
    const wins = [...left.wins, ...right.wins];
    const refusals = [...left.refusals, ...right.refusals];
    expect(refusals.filter((r) => r.name !== 'WrongExpectedRevisionError' || r.expected === r.actual)).toEqual([]);
    // The writers pause randomly between reading and appending, so they collide many times a run.
    expect(refusals.length).toBeGreaterThan(0);
    expect(wins).toHaveLength(2 * winsEach);

    const store = new SqliteEventStore(file);
    try {
      const stored = await collect(store.readStream(s));
      expect(stored.map((e) => e.revision)).toEqual(Array.from({ length: 2 * winsEach }, (_, i) => BigInt(i)));
      const byRevision = new Map(stored.map((e) => [String(e.revision), e.id]));
      expect(wins.filter((win) => byRevision.get(win.revision) !== win.id)).toEqual([]);
    } finally {
      await store.close();
    }
    // Two processes taking turns on one write lock with fsyncs: generous on a loaded 2-core machine.
  }, 150_000);

  it('kill -9 in the middle of appending loses no acknowledged append', async () => {
    const file = tempFile();
    const s = uniqueStream('kill');
    const acks: { ids: string[]; revision: string; position: string }[] = [];
    const { child, exit } = run('append-loop.js', [file, s], (line) => acks.push(JSON.parse(line)));
    await eventually(() => acks.length >= 40, '40 acknowledged appends', 30_000);
    child.kill('SIGKILL');
    expect(await exit).toMatchObject({ signal: 'SIGKILL' });

    const check = new Database(file);
    expect(check.pragma('integrity_check', { simple: true })).toBe('ok');
    check.close();
    const store = new SqliteEventStore(file);
    try {
      const stored = await collect(store.readStream(s));
      expect(stored.map((e) => e.revision)).toEqual(stored.map((_, i) => BigInt(i)));
      const lost = acks.filter((ack) => {
        const last = Number(ack.revision);
        const batch = stored.slice(last - 2, last + 1);
        return ids(batch).join() !== ack.ids.join() || String(batch[2]?.position) !== ack.position;
      });
      expect(lost).toEqual([]);
    } finally {
      await store.close();
    }
  });
});
