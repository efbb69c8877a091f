import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Role } from '@groupcap/domain';
import { mintAccessToken } from './auth/access-token';
import { client, ServerProcess, startServer } from './testing/server-process';

/** Every path under `dir` (itself included) with its permission bits, and whether it is a directory. */
function modes(dir: string): Array<[string, string, boolean]> {
  const out: Array<[string, string, boolean]> = [[dir, (statSync(dir).mode & 0o777).toString(8), true]];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    let stat;
    try {
      stat = statSync(path);
    } catch (error) {
      // A snapshot's temporary file, renamed into place between the listing and here.
      if ((error as { code?: string }).code === 'ENOENT') continue;
      throw error;
    }
    if (stat.isDirectory()) out.push(...modes(path));
    else out.push([path, (stat.mode & 0o777).toString(8), false]);
  }
  return out;
}

/** The compiled server as production runs it: data files, start-up refusals, the log on stdout. */
describe('hardened server process', () => {
  let root: string;
  beforeEach(() => (root = mkdtempSync(join(tmpdir(), 'groupcap-hardening-'))));
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  describe('in development, without AUTH_JWT_SECRET, bound to HOST=127.0.0.1', () => {
    let server: ServerProcess;
    let dataDir: string;
    beforeEach(async () => {
      dataDir = join(root, 'data');
      server = await startServer({ DATA_DIR: dataDir, AUTH_JWT_SECRET: '', HOST: '127.0.0.1', BUSINESS_DATE: '2025-06-30' });
    });
    afterEach(() => server.kill('SIGTERM'));
    // Signed with the development secret the server generated.
    const tokenFor = (sub: string, roles: Role[]) => mintAccessToken(readFileSync(join(dataDir, 'jwt-secret'), 'utf8').trim(), sub, roles, 3600);

    it('keeps DATA_DIR 0700 and every file in it 0600: the log, its -wal and -shm, the read models, the development secret', async () => {
      const admin = client(server.baseUrl, tokenFor('ada', ['admin']));
      expect((await admin.put('/api/v1/capital', { asOf: '2025-01-01', netCapital: '1000000000.00' })).status).toBe(201);
      const found = modes(dataDir);
      const names = found.map(([path]) => path.slice(dataDir.length + 1));
      expect(names).toEqual(expect.arrayContaining(['events.db', 'events.db-wal', 'events.db-shm', 'read-models.db', 'jwt-secret']));
      for (const [path, mode, directory] of found) expect([path, mode]).toEqual([path, directory ? '700' : '600']);
    });

    it('prints a working development token, and no JSON log line carries a token or an Authorization header', async () => {
      const hint = /A token for user "dev"[^\n]*\n\s*\n\s*(\S+)/.exec(server.output());
      expect(hint).not.toBeNull();
      const devToken = hint![1];
      const dev = client(server.baseUrl, devToken);
      expect((await dev.get('/api/v1/breaches')).status).toBe(200);

      const risk = tokenFor('rui', ['risk']);
      const reader = client(server.baseUrl, risk);
      const read = await fetch(`${server.baseUrl}/api/v1/events`, { headers: { authorization: `Bearer ${risk}`, 'x-correlation-id': 'e2e-corr-7' } });
      expect(read.status).toBe(200);
      expect(read.headers.get('x-correlation-id')).toBe('e2e-corr-7');
      expect((await reader.get('/api/v1/reports/large-credit?asOf=2025-06-30')).status).toBe(200);
      await new Promise((r) => setTimeout(r, 200));

      const lines = server.output().split('\n').filter((line) => line.startsWith('{'));
      const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(entries.find((e) => e.msg === 'GET /api/v1/events 200')).toMatchObject({ correlationId: 'e2e-corr-7', userId: 'rui', level: 'info' });
      expect(entries.find((e) => e.context === 'audit' && e.correlationId === 'e2e-corr-7')).toBeDefined();
      expect(entries.find((e) => typeof e.msg === 'string' && e.msg.startsWith('listening on 127.0.0.1 port'))).toBeDefined();
      for (const line of lines) {
        for (const secret of [devToken, risk, devToken.split('.')[2], risk.split('.')[2]]) expect(line).not.toContain(secret);
        expect(line.toLowerCase()).not.toMatch(/authorization|bearer/);
      }
    });
  });

  it('in production refuses to start with an AUTH_JWT_SECRET under 32 bytes', async () => {
    await expect(startServer({ DATA_DIR: join(root, 'data'), NODE_ENV: 'production', AUTH_JWT_SECRET: 'short-secret' })).rejects.toThrow(
      /server exited with 1:[\s\S]*AUTH_JWT_SECRET must be at least 32 bytes/,
    );
  });

  it('refuses a setting it cannot honour, naming it', async () => {
    await expect(startServer({ DATA_DIR: join(root, 'data'), RATE_LIMIT: 'many' })).rejects.toThrow(/RATE_LIMIT must be a whole number/);
  });
});
