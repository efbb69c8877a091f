import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openEventStore } from '@groupcap/event-store';
import { EsdbDouble } from '../../../libs/event-store/src/eventstoredb/testing/esdb-double';
import { reportBookIn } from './testing/report-book';
import { cli } from './testing/test-shell';

/**
 * The same commands on EventStoreDB (EVENT_STORE=eventstoredb), here the in-process double of its gRPC
 * protocol: positions are sparse commit positions, so nothing may assume position + 1.
 */
describe('the CLI on EventStoreDB', () => {
  let double: EsdbDouble;
  let dir: string;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    double = await EsdbDouble.start();
    dir = mkdtempSync(join(tmpdir(), 'groupcap-cli-esdb-'));
    env = { DATA_DIR: dir, BUSINESS_DATE: '2025-12-31', EVENT_STORE: 'eventstoredb', EVENTSTORE_CONNECTION_STRING: double.connectionString };
    const store = openEventStore({ dataDir: dir, env });
    try {
      await reportBookIn(store);
    } finally {
      await store.close();
    }
  });
  afterAll(async () => {
    await double.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reports from the log alone', async () => {
    const { code, out } = await cli(env, 'report', '--as-of', '2025-03-31');
    expect(code).toBe(0);
    expect(JSON.parse(out).rows[0]).toMatchObject({ groupId: 'G000001', comprehensiveLimit: '65000000.00', carriedForward: true });
  });

  it('replays a what-if and lists a history', async () => {
    const whatIf = JSON.parse((await cli(env, 'what-if', '--policy', 'singleCustomerCapRatio=0.04', '--json')).out);
    expect(whatIf.breaches.map((b: { customerId: string }) => b.customerId)).toEqual(['C-M', 'C-N']);
    const history = await cli(env, 'history', '--customer', 'C-X');
    expect(history.out.trim().split('\n')).toHaveLength(4);
  });

  it('rebuilds the read models in DATA_DIR and verifies them', async () => {
    expect((await cli(env, 'rebuild')).code).toBe(0);
    const verified = await cli(env, 'verify');
    expect(verified.code).toBe(0);
    expect(verified.out).toContain('OK: identical to a rebuild from position zero');
  });

  it('will not load the demo into a store that holds events', async () => {
    expect((await cli(env, 'demo')).code).toBe(1);
  });

  it('loads the demo into an empty EventStoreDB', async () => {
    const empty = await EsdbDouble.start();
    const demoDir = mkdtempSync(join(tmpdir(), 'groupcap-cli-esdb-demo-'));
    try {
      const loaded = await cli({ ...env, DATA_DIR: demoDir, BUSINESS_DATE: '2026-01-05', EVENTSTORE_CONNECTION_STRING: empty.connectionString }, 'demo');
      expect(loaded.code).toBe(0);
      expect(loaded.out).toMatch(/IN BREACH: group G\d{6} .*, limit 800,000,000\.00 over its cap of 750,000,000\.00/);
      expect(loaded.out).toContain('EVENT_STORE=eventstoredb');
    } finally {
      await empty.stop();
      rmSync(demoDir, { recursive: true, force: true });
    }
  });

  it('says which setting is missing', async () => {
    const missing = await cli({ ...env, EVENTSTORE_CONNECTION_STRING: '' }, 'report', '--as-of', '2025-03-31');
    expect(missing).toMatchObject({ code: 2, err: expect.stringContaining('EVENT_STORE=eventstoredb needs EVENTSTORE_CONNECTION_STRING') });
  });
});
