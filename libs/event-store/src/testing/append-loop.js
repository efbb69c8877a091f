'use strict';
// Appends batches of three events to one stream forever, printing one JSON line per append only
// after append() has resolved, i.e. once the store has acknowledged it. The test kills it with
// SIGKILL and checks that every acknowledged append survived.
// Usage: node append-loop.js <db file> <stream id>
const { setImmediate: nextMacrotask } = require('node:timers/promises');
const { eventStore, childEvent, fail } = require('./child-store');

const [file, streamId] = process.argv.slice(2);

async function main() {
  const store = new eventStore.SqliteEventStore(file);
  for (let batch = 0; ; batch++) {
    const events = [0, 1, 2].map((i) => childEvent({ batch, i }));
    const result = await store.append(streamId, events, 'any');
    const ack = {
      ids: events.map((e) => e.id),
      revision: String(result.nextExpectedRevision),
      position: String(result.position),
    };
    process.stdout.write(`${JSON.stringify(ack)}\n`);
    // Let stdout reach the parent: without a macrotask boundary the loop would starve the pipe.
    await nextMacrotask();
  }
}

main().catch(fail);
