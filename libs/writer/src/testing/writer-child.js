// A second (or third) writer process for the fencing test. Runs the compiled writer from dist/ against
// the SQLite file given in argv, grants the limits described in argv one after another, and prints one
// JSON line with what happened. Plain CommonJS so it runs without a TypeScript loader.
const path = require('node:path');
const root = path.resolve(__dirname, '../../../..');
const { BookWriter } = require(path.join(root, 'dist/libs/writer/src/index.js'));
const { SqliteEventStore, openEventStore } = require(path.join(root, 'dist/libs/event-store/src/index.js'));

async function main() {
  const [location, name, customerId, count, amount, startAt] = process.argv.slice(2);
  // A SQLite file path, or an EventStoreDB connection string.
  const store = location.startsWith('esdb://') ? openEventStore({ dataDir: '', env: { EVENT_STORE: 'eventstoredb', EVENTSTORE_CONNECTION_STRING: location } }) : new SqliteEventStore(location);
  // Two writers granting on one stream in lockstep, on a loaded machine, met more than the default 10 conflicts in a
  // row for one batch (seen twice at load 5): this test is about what gets decided, not how soon, so it may retry more.
  const writer = new BookWriter(store, { today: () => '2026-03-31', maxConflictRetries: 100 });
  await writer.start();
  // Both processes start their loops at the same agreed instant, so their commands really overlap.
  await new Promise((r) => setTimeout(r, Math.max(0, Number(startAt) - Date.now())));
  const outcomes = [];
  for (let i = 0; i < Number(count); i++) {
    const outcome = await writer.submit({
      command: { type: 'GrantLimit', limitId: `${name}-${i}`, customerId, amount, validFrom: '2026-01-01', validTo: '2026-12-31' },
      actor: { userId: name, roles: ['officer'] },
    });
    outcomes.push(outcome.status === 'refused' ? outcome.refusal.code : outcome.status);
    // A pause between commands lets the other process write in between.
    await new Promise((r) => setTimeout(r, Math.random() * 6));
  }
  await writer.stop();
  await store.close();
  process.stdout.write(JSON.stringify({ name, outcomes, conflicts: writer.stats.conflicts }) + '\n');
}
main().catch((e) => {
  process.stderr.write(String(e && e.stack) + '\n');
  process.exit(1);
});
