import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { SqliteEventStore } from '@groupcap/event-store';
import { BookProjection } from './book.projection';
import { ADMIN, TestBook } from '../testing/test-book';

/**
 * The projection is killed with SIGKILL in the middle of a run (a real process, not a simulated close) and
 * restarted on the same read-model file: it must resume from its last committed checkpoint and end with read
 * models identical, row for row, to a clean rebuild of the same log.
 */
describe('a projection process killed in the middle of a run', () => {
  const dir = mkdtempSync(join(tmpdir(), 'groupcap-projection-crash-'));
  const eventsFile = join(dir, 'events.db');
  const readModels = join(dir, 'read-models');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('resumes from its checkpoint and matches a clean rebuild', async () => {
    const child = resolve(__dirname, '../testing/projection-child.js');
    if (!existsSync(resolve(__dirname, '../../../../dist/libs/projections/src/index.js'))) throw new Error('run `npm run build` first: the child runs the compiled projection');

    // A book of 400 customers in groups of four, a limit, a drawdown and a repayment each: a few thousand events.
    const book = new TestBook({ store: new SqliteEventStore(eventsFile) });
    await book.run({ type: 'DeclareNetCapital', asOf: '2025-12-31', netCapital: '100000000000.00' }, '2026-01-02', ADMIN);
    await book.run({ type: 'ChangePolicy', escalationThreshold: '100000000000.00' }, '2026-01-02', ADMIN);
    for (let i = 0; i < 400; i++) {
      const id = `C${i}`;
      await book.run({ type: 'RegisterCustomer', customerId: id, name: `客户${i}`, kind: 'enterprise' }, '2026-01-05');
      if (i % 4) await book.run({ type: 'RecordRelation', relationId: `R${i}`, from: `C${i - (i % 4)}`, to: id, relationType: 'equity', share: '0.6' }, '2026-01-05');
      await book.run({ type: 'GrantLimit', limitId: `L${i}`, customerId: id, amount: '5000000.00', validFrom: '2026-01-01', validTo: '2026-12-31', branch: `B${i % 7}` }, '2026-02-01');
      await book.run({ type: 'BookDrawdown', drawdownId: `D${i}`, limitId: `L${i}`, amount: '3000000.00', product: i % 2 ? 'loan' : 'acceptance', margin: i % 2 ? '0.00' : '500000.00' }, '2026-03-01');
      await book.run({ type: 'BookRepayment', drawdownId: `D${i}`, amount: '1000000.00' }, '2026-06-30');
    }
    const head = (await book.store.headPosition()) as bigint;
    await book.store.close();

    // Batches of 5 events: hundreds of commits, so the kill lands between two of them.
    const process = spawn(globalThis.process.execPath, [child, eventsFile, readModels, '5'], { stdio: ['ignore', 'pipe', 'inherit'] });
    const killedAt = await new Promise<bigint>((done, fail) => {
      let seen = '';
      process.stdout.on('data', (chunk: Buffer) => {
        seen += chunk.toString();
        const positions = seen.split('\n').filter((l) => /^\d+$/.test(l)).map(BigInt);
        const latest = positions[positions.length - 1];
        if (latest !== undefined && latest > head / 4n) {
          process.kill('SIGKILL');
          done(latest);
        }
        if (seen.includes('caught-up')) fail(new Error('the projection caught up before it could be killed'));
      });
    });
    await new Promise((r) => process.once('exit', r));
    expect(killedAt).toBeLessThan(head);

    const store = new SqliteEventStore(eventsFile);
    const resumed = new BookProjection(store, { dataDir: readModels, today: () => '2026-12-31' });
    // It starts from what it had committed before the kill, not from zero and not from the end.
    const checkpoint = resumed.position() as bigint;
    expect(checkpoint).toBeGreaterThanOrEqual(killedAt);
    expect(checkpoint).toBeLessThan(head);
    await resumed.start();
    expect(resumed.position()).toBe(head);

    const clean = new BookProjection(store, { today: () => '2026-12-31' });
    await clean.start();
    expect(resumed.dump()).toEqual(clean.dump());
    // And the figures are the ones the rules give: 100 groups of 4 at 20,000,000.00, outstanding 4 x 2,000,000.00.
    expect(resumed.group(resumed.customer('C0')!.groupId!)).toMatchObject({ comprehensiveLimit: '20000000.00', outstanding: '8000000.00' });
    await resumed.stop();
    await clean.stop();
    await store.close();
  });
});
