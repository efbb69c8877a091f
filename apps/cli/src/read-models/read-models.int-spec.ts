import Database from 'better-sqlite3';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { BookProjection } from '@groupcap/projections';
import { openSqliteEventStore } from '@groupcap/event-store';
import { dataDirWithReportBook } from '../testing/report-book';
import { cli } from '../testing/test-shell';

describe('rebuild and verify', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;

  beforeEach(async () => {
    dir = await dataDirWithReportBook();
    env = { DATA_DIR: dir, BUSINESS_DATE: '2025-04-10' };
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const liveFile = () => join(dir, 'read-models.db');
  const count = (sql: string) => {
    const db = new Database(liveFile(), { fileMustExist: true });
    try {
      return (db.prepare(sql).get() as { n: number }).n;
    } finally {
      db.close();
    }
  };

  it('rebuilds every read model from position zero into DATA_DIR, leaving no scratch files', async () => {
    const rebuilt = await cli(env, 'rebuild');
    expect(rebuilt).toMatchObject({ code: 0, err: expect.stringMatching(/^rebuild: \d+ events in /m) });
    expect(rebuilt.out).toMatch(/^read models rebuilt from position zero to position \d+: .*read-models\.db$/m);
    // The nine customers of the report book.
    expect(count('SELECT COUNT(*) AS n FROM customers')).toBe(9);
    expect(readdirSync(dir).sort()).toEqual(['events.db', 'read-models.db']);
  });

  it('verify finds the rebuilt read models identical, table by table', async () => {
    await cli(env, 'rebuild');
    const verified = await cli(env, 'verify');
    expect(verified.code).toBe(0);
    expect(verified.out).toMatch(/^customers +9 +9 +[0-9a-f]{16} +[0-9a-f]{16} +same$/m);
    expect(verified.out).toMatch(/^OK: identical to a rebuild from position zero \(16 tables, sha256 [0-9a-f]{64}\)$/m);
    expect(readdirSync(dir).filter((f) => f.startsWith('.'))).toEqual([]);
  });

  it('verify names the first difference and exits 1 when a live table was altered; rebuild repairs it', async () => {
    await cli(env, 'rebuild');
    const db = new Database(liveFile());
    db.prepare("UPDATE customers SET name = 'Kunlun Technology' WHERE customer_id = 'C-K'").run();
    db.close();

    const verified = await cli(env, 'verify');
    expect(verified.code).toBe(1);
    expect(verified.out).toMatch(/^customers +9 +9 +[0-9a-f]{16} +[0-9a-f]{16} +DIFFERENT$/m);
    // Customers in id order: C-HA, C-HB, C-HP, C-K: the fourth row.
    expect(verified.err).toContain('first difference in table customers, row 4');
    expect(verified.err).toMatch(/live: +\{"customer_id":"C-K","name":"Kunlun Technology"/);
    expect(verified.err).toMatch(/rebuilt: \{"customer_id":"C-K","name":"Kunlun Tech"/);

    expect((await cli(env, 'rebuild')).code).toBe(0);
    expect((await cli(env, 'verify')).code).toBe(0);
  });

  it('verify and rebuild refuse while the API\'s projection runs on DATA_DIR (it locks its file), and change nothing', async () => {
    await cli(env, 'rebuild');
    const store = openSqliteEventStore(dir);
    const projection = new BookProjection(store, { dataDir: dir, today: () => '2025-04-10' });
    await projection.start();
    try {
      for (const command of ['verify', 'rebuild']) {
        const refused = await cli(env, command);
        expect(refused.code).toBe(1);
        expect(refused.err).toContain('is open in another process (is the API running on this DATA_DIR or READ_MODEL_DIR?): stop it first; nothing was changed');
      }
    } finally {
      await projection.stop();
      await store.close();
    }
    expect((await cli(env, 'verify')).code).toBe(0);
  });

  it('rebuild refuses to swap while another process holds the read models open, and changes nothing', async () => {
    await cli(env, 'rebuild');
    const before = count('SELECT COUNT(*) AS n FROM customers');
    const holder = new Database(liveFile());
    holder.pragma('journal_mode = WAL');
    try {
      const refused = await cli(env, 'rebuild');
      expect(refused.code).toBe(1);
      expect(refused.err).toContain('is open in another process (is the API running on this DATA_DIR or READ_MODEL_DIR?): stop it first; nothing was changed');
      expect(existsSync(liveFile())).toBe(true);
    } finally {
      holder.close();
    }
    expect(count('SELECT COUNT(*) AS n FROM customers')).toBe(before);
    expect(readdirSync(dir).filter((f) => f.startsWith('.'))).toEqual([]);
  });

  it('works on READ_MODEL_DIR when set, as the API does', async () => {
    const readModels = join(dir, 'reader');
    const withOwnDir = { ...env, READ_MODEL_DIR: readModels };
    expect((await cli(withOwnDir, 'rebuild')).out).toContain(join(readModels, 'read-models.db'));
    expect(existsSync(liveFile())).toBe(false);
    expect((await cli(withOwnDir, 'verify')).code).toBe(0);
  });

  it('verify without read models says what to do', async () => {
    const verified = await cli(env, 'verify');
    expect(verified.code).toBe(1);
    expect(verified.err).toContain('no read models at');
    expect(verified.err).toContain('start the API or run `rebuild` first');
  });
});
