import { BookCommand } from '@groupcap/domain';
import { openSqliteEventStore } from '@groupcap/event-store';
import { BookWriter, FileSnapshotStore, snapshotDirectory } from '@groupcap/writer';
import { ACTOR, TODAY, TREE_SIZE, pad, treeMember } from './lib/book';

/**
 * Child process of the benchmark (its own heap, so its memory is the writer's): starts the book writer on
 * DATA_DIR as apps/api does (snapshots on), measures its memory, then times links that merge two
 * 1,000-member holding trees, each through the whole command path (decide, append, fsync, answer).
 * Usage: node --expose-gc writer-child.js <dataDir> <firstTree> <merges>
 */
async function main() {
  const [dataDir, firstTreeArg, mergesArg] = process.argv.slice(2);
  const firstTree = Number(firstTreeArg);
  const merges = Number(mergesArg);
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with --expose-gc');
  const store = openSqliteEventStore(dataDir);
  const writer = new BookWriter(store, { today: () => TODAY, snapshots: new FileSnapshotStore(snapshotDirectory(dataDir)), onSnapshotProblem: () => undefined });
  gc();
  const before = process.memoryUsage();
  const t0 = performance.now();
  await writer.start();
  const startSeconds = (performance.now() - t0) / 1000;
  await writer.snapshotSettled();
  gc();
  gc();
  const after = process.memoryUsage();
  const submit = async (command: BookCommand) => {
    const t = performance.now();
    const outcome = await writer.submit({ command, actor: ACTOR });
    const ms = performance.now() - t;
    if (outcome.status !== 'accepted') throw new Error(`refused: ${JSON.stringify(command)} -> ${JSON.stringify(outcome)}`);
    return { ms, events: outcome.events };
  };
  // The first command of the day is preceded by a review of every subject, unless the snapshot's book was found
  // reviewed today (the writer that saved it had reviewed it on that day): timed apart, not part of a merge.
  const firstCommandMs = (await submit({ type: 'RegisterCustomer', customerId: `W-${firstTree}`, name: 'warm-up', kind: 'enterprise' })).ms;
  // A review of every subject, as a writer runs each day: the merges are then timed on a writer whose code has run,
  // as in a server that has been taking commands, whether or not the restart skipped the day's review (a merge
  // right after a restart that skipped it measured 27-31 ms against 14-19 ms after one, tenth book).
  const t1 = performance.now();
  const review = await writer.submit({ command: { type: 'ReviewCaps' }, actor: ACTOR });
  if (review.status !== 'accepted') throw new Error(`review refused: ${JSON.stringify(review)}`);
  const reviewMs = performance.now() - t1;
  const mergeMs: number[] = [];
  for (let m = 0; m < merges; m++) {
    const a = pad(firstTree + 2 * m);
    const b = pad(firstTree + 2 * m + 1);
    const { ms, events } = await submit({ type: 'RecordRelation', relationId: `MERGE-${a}-${b}`, from: treeMember(a, TREE_SIZE - 1), to: treeMember(b, TREE_SIZE - 1), relationType: 'deemed-group' });
    if (!events.some((e) => e.type === 'GroupsMerged')) throw new Error(`the link did not merge two groups: ${events.map((e) => e.type).join(', ')}`);
    mergeMs.push(ms);
  }
  await writer.stop();
  await store.close();
  process.stdout.write(
    JSON.stringify({
      startSeconds,
      rssBeforeMb: before.rss / 2 ** 20,
      rssAfterMb: after.rss / 2 ** 20,
      heapBeforeMb: before.heapUsed / 2 ** 20,
      heapAfterMb: after.heapUsed / 2 ** 20,
      firstCommandMs,
      reviewMs,
      mergeMs,
    }) + '\n',
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
