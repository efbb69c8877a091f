// Runs the compiled projection over an existing log and prints each checkpoint it has committed, one per
// line, so the crash test can kill -9 it in the middle of a run. Plain CommonJS: no TypeScript loader.
const path = require('node:path');
const root = path.resolve(__dirname, '../../../..');
const { SqliteEventStore } = require(path.join(root, 'dist/libs/event-store/src/index.js'));
const { BookProjection } = require(path.join(root, 'dist/libs/projections/src/index.js'));

const [eventsFile, dataDir, batchSize] = process.argv.slice(2);
const store = new SqliteEventStore(eventsFile);
const projection = new BookProjection(store, { dataDir, today: () => '2026-12-31', batchSize: Number(batchSize) });
let last = null;
setInterval(() => {
  const position = projection.position();
  if (position !== null && position !== last) {
    last = position;
    process.stdout.write(`${position}\n`);
  }
}, 1);
projection.start().then(() => process.stdout.write('caught-up\n'));
