'use strict';
// One of two writers racing on one stream: reads the stream's revision, appends one event
// expecting exactly that revision, and repeats until it has won `wins` appends. Prints "ready"
// once open, starts on "go" from stdin, and prints a JSON summary of every win and refusal.
// Usage: node race-writer.js <db file> <stream id> <writer name> <wins>
const readline = require('node:readline');
const { setTimeout: sleep } = require('node:timers/promises');
const { eventStore, childEvent, fail } = require('./child-store');

const { SqliteEventStore, StreamNotFoundError, WrongExpectedRevisionError } = eventStore;
const [file, streamId, writer, winsArg] = process.argv.slice(2);
const wanted = Number(winsArg);

/** The stream's last revision, reading only what is new since `known`. */
async function lastRevision(store, known) {
  let last = known;
  try {
    const fromRevision = known === 'no_stream' ? 0n : known + 1n;
    for await (const event of store.readStream(streamId, { fromRevision })) last = event.revision;
  } catch (error) {
    if (!(error instanceof StreamNotFoundError)) throw error;
  }
  return last;
}

const wins = [];
const refusals = [];

async function race(store) {
  let known = 'no_stream';
  while (wins.length < wanted) {
    known = await lastRevision(store, known);
    // Without a pause the process that just won holds the lead (the other sleeps in SQLite's busy
    // handler) and the writers barely overlap; a short random one lets both act on the same revision.
    await sleep(Math.random() * 2);
    const event = childEvent({ writer });
    try {
      const result = await store.append(streamId, [event], known);
      wins.push({ id: event.id, revision: String(result.nextExpectedRevision), position: String(result.position) });
      known = result.nextExpectedRevision;
    } catch (error) {
      refusals.push({ name: error.name, expected: String(known), actual: String(error.actual) });
      // Anything but a concurrency refusal is a failure the parent reports; do not spin on it.
      if (!(error instanceof WrongExpectedRevisionError)) break;
    }
  }
  return { wins, refusals };
}

async function main() {
  const store = new SqliteEventStore(file, { busyTimeoutMs: 30000 });
  process.stdout.write('ready\n');
  await new Promise((resolve) => readline.createInterface({ input: process.stdin }).once('line', resolve));
  // A watchdog: a stuck race fails fast with what it had done, instead of holding the test until its timeout.
  setTimeout(() => {
    process.stderr.write(`race-writer ${writer}: still racing after 40 s with ${wins.length} wins and ${refusals.length} refusals\n`);
    process.exit(3);
  }, 40_000).unref();
  const summary = await race(store);
  await store.close();
  process.stdout.write(`${JSON.stringify(summary)}\n`);
  process.exit(0);
}

main().catch(fail);
