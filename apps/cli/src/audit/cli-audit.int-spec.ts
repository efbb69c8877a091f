import Database from 'better-sqlite3';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { collect } from '../../../../libs/event-store/src/testing/event-store.fixtures';
import { mintAccessToken } from '@groupcap/platform';
import { openSqliteEventStore } from '@groupcap/event-store';
import { dataDirWithReportBook } from '../testing/report-book';
import { cli } from '../testing/test-shell';

const SECRET = 'cli-audit-secret-0123456789abcdef0123';

describe('the CLI under a named identity, and verify of the hash chains', () => {
  let dataDir: string;
  let env: NodeJS.ProcessEnv;

  beforeEach(async () => {
    dataDir = await dataDirWithReportBook();
    env = { DATA_DIR: dataDir, BUSINESS_DATE: '2025-12-31', AUTH_JWT_SECRET: SECRET };
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  const records = async () => {
    const store = openSqliteEventStore(dataDir);
    try {
      return (await collect(store.auditRecords.read())).map((r) => r.record);
    } finally {
      await store.close();
    }
  };

  it('refuses to show customer data anonymously, and records nothing', async () => {
    const anonymous = await cli({ ...env, GROUPCAP_AS: '' }, 'history', '--customer', 'C-HB');
    expect(anonymous.code).toBe(2);
    expect(anonymous.err).toContain('say who you are with --token');
    expect(anonymous.out).toBe('');
    expect(await records()).toEqual([]);
  });

  it('records a history read under --as, and one under a token with its roles, before printing', async () => {
    const named = await cli({ ...env, GROUPCAP_AS: '' }, 'history', '--as', 'rita', '--customer', 'C-HB');
    expect(named.code).toBe(0);
    const token = mintAccessToken(SECRET, 'chen', ['risk'], 60);
    expect((await cli({ ...env, GROUPCAP_AS: '' }, '--token', token, 'history', '--group', 'G000001')).code).toBe(0);
    expect(await records()).toEqual([
      expect.objectContaining({ channel: 'cli', kind: 'read', actor: { userId: 'rita', roles: [], via: 'as' }, subject: { type: 'customer', id: 'C-HB' }, action: 'cli history --customer C-HB', outcome: { status: 200 } }),
      expect.objectContaining({ channel: 'cli', kind: 'read', actor: { userId: 'chen', roles: ['risk'], via: 'token' }, subject: { type: 'group', id: 'G000001' } }),
    ]);
  });

  it('refuses a token without the role, a forged token, and --as in production', async () => {
    const officer = mintAccessToken(SECRET, 'wang', ['officer'], 60);
    expect((await cli(env, '--token', officer, 'history', '--customer', 'C-HB')).err).toContain('needs one of the roles risk');
    expect((await cli(env, '--token', mintAccessToken('another-secret-0123456789abcdef0123', 'chen', ['risk'], 60), 'history', '--customer', 'C-HB')).code).toBe(2);
    expect((await cli({ ...env, NODE_ENV: 'production', GROUPCAP_AS: 'rita' }, 'history', '--customer', 'C-HB')).err).toContain('--as is not proof of identity');
    expect(await records()).toEqual([]);
  });

  it("checks --token with the API's token policy: lifetime cap, iss/aud when set", async () => {
    const long = mintAccessToken(SECRET, 'chen', ['risk'], 13 * 3600);
    expect((await cli(env, '--token', long, 'history', '--customer', 'C-HB')).err).toContain('lives longer than this server allows (43200 s');
    expect((await cli({ ...env, AUTH_TOKEN_MAX_TTL_SECONDS: String(14 * 3600) }, '--token', long, 'history', '--customer', 'C-HB')).code).toBe(0);
    const plain = mintAccessToken(SECRET, 'chen', ['risk'], 60);
    expect((await cli({ ...env, AUTH_JWT_ISSUER: 'groupcap' }, '--token', plain, 'history', '--customer', 'C-HB')).err).toContain('jwt issuer invalid');
    // `token` mints what the API accepts: with iss/aud, and never longer than the cap.
    const minted = await cli({ ...env, AUTH_JWT_ISSUER: 'groupcap', AUTH_JWT_AUDIENCE: 'groupcap-api' }, 'token', '--sub', 'chen', '--roles', 'risk', '--ttl', '1h');
    const withClaims = { ...env, AUTH_JWT_ISSUER: 'groupcap', AUTH_JWT_AUDIENCE: 'groupcap-api' };
    expect((await cli(withClaims, '--token', minted.out.trim(), 'history', '--customer', 'C-HB')).code).toBe(0);
    expect((await cli(env, 'token', '--sub', 'chen', '--roles', 'risk', '--ttl', '13h')).err).toContain('AUTH_TOKEN_MAX_TTL_SECONDS');
  });

  it('verify --log and --audit pass on an untouched store, and verify --log finds an altered, a removed and a reordered event', async () => {
    await cli(env, 'what-if', '--policy', 'groupCapRatio=0.5');
    const clean = await cli(env, 'verify', '--log', '--audit');
    expect(clean.code).toBe(0);
    expect(clean.out).toMatch(/^event log: OK, \d+ events in 1 stream\(s\) match their hash chain$/m);
    expect(clean.out).toContain('access records: OK, 1 records match their hash chain');

    const file = join(dataDir, 'events.db');
    const tamper = (sql: string) => {
      const db = new Database(file);
      try {
        db.exec(sql);
      } finally {
        db.close();
      }
    };
    const backup = join(dataDir, 'pristine.db');
    tamper(`VACUUM INTO '${backup}'`);
    const restore = () => tamper(`ATTACH '${backup}' AS p; DELETE FROM main.events; INSERT INTO main.events SELECT * FROM p.events; DETACH p;`);

    tamper(`UPDATE events SET data = replace(data, '"C-HB"', '"C-Y"') WHERE position = (SELECT MIN(position) FROM events WHERE data LIKE '%"C-HB"%')`);
    const altered = await cli(env, 'verify', '--log');
    expect(altered.code).toBe(1);
    expect(altered.err).toMatch(/^event log: ALTERED at position \d+: event .* does not match its link: it was altered/);

    restore();
    expect((await cli(env, 'verify', '--log')).code).toBe(0);
    tamper('DELETE FROM events WHERE position = (SELECT MIN(position) + 2 FROM events)');
    expect((await cli(env, 'verify', '--log')).err).toMatch(/jumps from revision 1 to 3: events were removed/);

    restore();
    // Swap two events' places in the log (positions), each keeping its own content and revision.
    const [a, b] = [2, 3];
    tamper(`UPDATE events SET position = -position WHERE position IN (${a}, ${b});
            UPDATE events SET position = CASE position WHEN -${a} THEN ${b} ELSE ${a} END WHERE position < 0;`);
    expect((await cli(env, 'verify', '--log')).err).toMatch(/events were (removed|reordered)/);
  });

  it('verify --audit finds an altered or a removed access record', async () => {
    for (const user of ['a', 'b', 'c']) await cli({ ...env, GROUPCAP_AS: user }, 'history', '--customer', 'C-HB');
    const db = new Database(join(dataDir, 'events.db'));
    db.exec(`UPDATE audit_records SET record = replace(record, '"b"', '"x"') WHERE sequence = 2`);
    db.close();
    expect((await cli(env, 'verify', '--audit')).err).toMatch(/^access records: ALTERED at record 2: its content does not match its hash/);
    const again = new Database(join(dataDir, 'events.db'));
    again.exec(`UPDATE audit_records SET record = replace(record, '"x"', '"b"') WHERE sequence = 2; DELETE FROM audit_records WHERE sequence = 2`);
    again.close();
    expect((await cli(env, 'verify', '--audit')).err).toMatch(/^access records: ALTERED at record 3: it does not follow the record before it/);
  });
});
