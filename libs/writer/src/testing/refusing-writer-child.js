// A writer process the idempotency tests kill with SIGKILL. Runs the compiled writer from dist/ against the
// store in argv (a SQLite file or an EventStoreDB connection string), submits one command with an
// Idempotency-Key and prints its outcome as one JSON line once answered (durable), then keeps the writer busy
// with unkeyed commands, printing "ack" after each, until it is killed. Plain CommonJS: runs under bare node.
const path = require('node:path');
const root = path.resolve(__dirname, '../../../..');
const { BookWriter } = require(path.join(root, 'dist/libs/writer/src/index.js'));
const { SqliteEventStore, openEventStore } = require(path.join(root, 'dist/libs/event-store/src/index.js'));

async function main() {
  // submission: { command, effectiveDate? } as JSON.
  const [location, submissionJson, key, requestHash] = process.argv.slice(2);
  const store = location.startsWith('esdb://') ? openEventStore({ dataDir: '', env: { EVENT_STORE: 'eventstoredb', EVENTSTORE_CONNECTION_STRING: location } }) : new SqliteEventStore(location);
  const writer = new BookWriter(store, { today: () => '2026-03-31' });
  await writer.start();
  const actor = { userId: 'officer-1', roles: ['officer'] };
  const outcome = await writer.submit({ ...JSON.parse(submissionJson), actor, idempotency: { key, requestHash } });
  process.stdout.write(JSON.stringify(outcome, (_, v) => (typeof v === 'bigint' ? v.toString() : v)) + '\n');
  for (let i = 0; ; i++) {
    await writer.submit({ command: { type: 'RegisterCustomer', customerId: `busy-${process.pid}-${i}`, name: 'busy', kind: 'enterprise' }, actor });
    process.stdout.write('ack\n');
  }
}
main().catch((e) => {
  process.stderr.write(String(e && e.stack) + '\n');
  process.exit(1);
});
