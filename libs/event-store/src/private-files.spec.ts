import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { privateDatabaseFile, privateDirectory } from './private-files';
import { openSqliteEventStore } from './sqlite/open-sqlite-event-store';

const modeOf = (path: string) => statSync(path).mode & 0o7777;

describe('private data files (owner only: folder 0700, files 0600)', () => {
  let root: string;
  const umask = process.umask();
  beforeAll(() => process.umask(0o022)); // the usual umask, which would give 0755 folders and 0644 files
  afterAll(() => process.umask(umask));
  beforeEach(() => (root = mkdtempSync(join(tmpdir(), 'groupcap-private-'))));
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('creates a missing folder and its missing parents as 0700', () => {
    const dir = join(root, 'a', 'b');
    privateDirectory(dir);
    expect(modeOf(dir)).toBe(0o700);
    expect(modeOf(join(root, 'a'))).toBe(0o700);
  });

  it('tightens an existing folder left open by an older build', () => {
    const dir = join(root, 'data');
    mkdirSync(dir, { mode: 0o755 });
    chmodSync(dir, 0o755);
    privateDirectory(dir);
    expect(modeOf(dir)).toBe(0o700);
  });

  it('refuses a shared sticky folder such as /tmp instead of changing it', () => {
    const dir = join(root, 'shared');
    mkdirSync(dir);
    chmodSync(dir, 0o1777);
    expect(() => privateDirectory(dir)).toThrow(/shared folder/);
    expect(modeOf(dir)).toBe(0o1777);
  });

  it('creates a database file as 0600 and tightens an existing one and its companions', () => {
    const fresh = join(root, 'fresh.db');
    privateDatabaseFile(fresh);
    expect(modeOf(fresh)).toBe(0o600);
    const old = join(root, 'old.db');
    writeFileSync(old, '', { mode: 0o644 });
    writeFileSync(`${old}-wal`, '', { mode: 0o644 });
    privateDatabaseFile(old);
    expect([modeOf(old), modeOf(`${old}-wal`)]).toEqual([0o600, 0o600]);
  });

  it('the SQLite event store: folder 0700, events.db and the -wal and -shm files SQLite creates 0600', async () => {
    const dataDir = join(root, 'data');
    const store = openSqliteEventStore(dataDir);
    try {
      expect(modeOf(dataDir)).toBe(0o700);
      const files = readdirSync(dataDir);
      expect(files).toEqual(expect.arrayContaining(['events.db', 'events.db-wal', 'events.db-shm']));
      for (const file of files) expect([file, modeOf(join(dataDir, file))]).toEqual([file, 0o600]);
    } finally {
      await store.close();
    }
  });
});
