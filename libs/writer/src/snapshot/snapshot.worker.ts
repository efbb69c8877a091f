import { parentPort, workerData } from 'node:worker_threads';
import { SqliteEventStore } from '@groupcap/event-store';
import { FileSnapshotStore } from './file-snapshot.store';
import type { SnapshotReply, SnapshotRequest, SnapshotWorkerData } from './off-thread-snapshots';
import { reviewedOn } from './reviewed-on';
import { ReplayedBook, bookFromLog } from './snapshot-from-log';

/**
 * The thread OffThreadSnapshots starts: one request at a time, each answered with `saved` or `failed`. It opens
 * its own connection to the event log (WAL: its reads never block the writer's appends) and only reads from it.
 * It keeps the book of its last save and replays only the events after it for the next one.
 */
const data = workerData as SnapshotWorkerData;
const port = parentPort!;
const post = (reply: SnapshotReply) => port.postMessage(reply);
let now = Date.now();
const store = new SqliteEventStore(data.eventsFile);
const snapshots = new FileSnapshotStore(data.snapshotDirectory, {
  keep: data.keep,
  clock: () => new Date(now),
  onIgnored: (file, reason) => post({ kind: 'problem', message: `ignoring writer snapshot ${file}: ${reason}` }),
});
/** The book of the last save, continued by the next one: only the events since are replayed. */
let held: ReplayedBook | undefined;
let queue = Promise.resolve();

port.on('message', (request: SnapshotRequest) => {
  queue = queue.then(async () => {
    try {
      now = request.now;
      const { id: _id, now: at, today, ...point } = request;
      const book = await bookFromLog(store, snapshots, point, { retentionMs: data.retentionMs, now: at, held, onProblem: (message) => post({ kind: 'problem', message }) });
      held = undefined;
      // The check only lets a restart skip a review: if it fails, the snapshot is still worth saving without it.
      let reviewed: string | undefined;
      try {
        reviewed = reviewedOn(book.state, today);
      } catch (error) {
        post({ kind: 'problem', message: `could not check the book is reviewed on ${today}: ${(error as Error).message}` });
      }
      await snapshots.save({ ...point, state: book.state, idempotency: book.idempotency.entries(), ...(reviewed !== undefined && { reviewedOn: reviewed }) });
      held = book;
      post({ kind: 'saved', id: request.id });
    } catch (error) {
      // Rebuilt from the newest trusted snapshot next time.
      held = undefined;
      post({ kind: 'failed', id: request.id, message: (error as Error).message });
    }
  });
});
