import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { client, ServerProcess, startServer, tokenFor } from './testing/server-process';
import { STORES_UNDER_TEST, StoreUnderTest } from './testing/stores-under-test';

/**
 * A reader process (SERVER_ROLE=reader) runs on its own against the writer's store: it serves reads from
 * its own read models, fed by the store's subscription, and refuses commands.
 */
describe.each(STORES_UNDER_TEST)('a writer and a separate reader process on %s', (_name, openStore) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'groupcap-reader-'));
  let store: StoreUnderTest;
  let writer: ServerProcess;
  let reader: ServerProcess;

  beforeAll(async () => {
    store = await openStore();
    const env = { DATA_DIR: dataDir, BUSINESS_DATE: '2026-03-31', ...store.env };
    writer = await startServer({ ...env, SERVER_ROLE: 'writer' });
    reader = await startServer({ ...env, SERVER_ROLE: 'reader', READ_MODEL_DIR: join(dataDir, 'reader') });
  });
  afterAll(async () => {
    await reader?.kill('SIGTERM');
    await writer?.kill('SIGTERM');
    await store?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('reads its own writes through the reader with minPosition, and refuses commands there', async () => {
    const token = tokenFor('wang', ['officer', 'admin']);
    const write = client(writer.baseUrl, token);
    const read = client(reader.baseUrl, token);
    await write.put('/api/v1/capital', { asOf: '2025-12-31', netCapital: '1000000000.00' });
    await write.post('/api/v1/customers', { customerId: 'A', name: '甲', kind: 'enterprise' });
    const granted = await write.post('/api/v1/limits', { limitId: 'L1', customerId: 'A', amount: '30000000.00', validFrom: '2026-01-01', validTo: '2026-12-31' });
    expect(granted.status).toBe(201);

    const customer = await read.get(`/api/v1/customers/A?minPosition=${granted.body.position}`);
    // Standalone: 30,000,000.00 against the single-customer cap, nothing drawn.
    expect(customer.body).toMatchObject({ customerId: 'A', groupId: null, comprehensiveLimit: '30000000.00', outstanding: '0.00' });

    const refused = await read.post('/api/v1/customers', { customerId: 'B', name: '乙', kind: 'enterprise' });
    expect(refused.status).toBe(503);
    expect(refused.body).toMatchObject({ code: 'WRITER_UNAVAILABLE' });
  });
});
