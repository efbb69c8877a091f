import { parentPort, workerData } from 'node:worker_threads';
import { openSqliteEventStore } from '@groupcap/event-store';
import { ProjectionApplier } from './projection-applier';
import { openReadModelDatabase } from './read-model.db';

/** What the main thread tells the projection's thread: new events were appended through its store, or stop. */
export type ProjectionRequest = { kind: 'wake' } | { kind: 'stop' };

export type ProjectionReply =
  | { kind: 'applied'; position: bigint }
  | { kind: 'caught-up' }
  | { kind: 'failed'; message: string; stack?: string }
  | { kind: 'stopped' };

export interface ProjectionWorkerData {
  /** The SQLite log's data directory (events.db). */
  eventStoreDir: string;
  /** The read models' data directory (read-models.db), already made by the main thread. */
  readModelDir: string;
  batchSize?: number;
  sliceSize?: number;
  /** How often the thread's store looks for appends no wake told it of (another process's). Default the store's. */
  pollIntervalMs?: number;
}

/** What the thread starts with: the above, and the wake flag it shares with the main thread (off-thread-applier.ts). */
export type ProjectionThreadData = ProjectionWorkerData & { wakePending: Int32Array };

/**
 * The projection's applying half on a thread of its own (off-thread-applier.ts starts it): its own connections to
 * the log and to read-models.db, the same ProjectionApplier as in the main thread, and each committed batch's last
 * position told back, which is when the main thread's reads may count on it.
 */
function serve(port: NonNullable<typeof parentPort>, data: ProjectionThreadData): void {
  const store = openSqliteEventStore(data.eventStoreDir, { pollIntervalMs: data.pollIntervalMs });
  const db = openReadModelDatabase(data.readModelDir, 'with-readers');
  const reply = (message: ProjectionReply) => port.postMessage(message);
  const applier = new ProjectionApplier(store, db, {
    batchSize: data.batchSize,
    sliceSize: data.sliceSize,
    // The reads run on the main thread, over that thread's own connection to read-models.db.
    kept: 'kept-over-another-connection',
    onApplied: (position) => reply({ kind: 'applied', position }),
    onError: (error) => reply({ kind: 'failed', message: error instanceof Error ? error.message : String(error), stack: error instanceof Error ? error.stack : undefined }),
  });
  port.on('message', (request: ProjectionRequest) => {
    switch (request.kind) {
      case 'wake':
        // Taken before the read it starts: an append from here on posts another wake.
        Atomics.store(data.wakePending, 0, 0);
        store.wakeSubscriptions();
        return;
      case 'stop':
        applier.stop();
        db.close();
        void store.close().then(() => {
          reply({ kind: 'stopped' });
          port.close();
        });
        return;
      default: {
        const unhandled: never = request;
        throw new Error(`unknown projection request ${JSON.stringify(unhandled)}`);
      }
    }
  });
  // A failure to catch up was told through onError already.
  applier.start().then(
    () => reply({ kind: 'caught-up' }),
    () => undefined,
  );
}

if (parentPort) serve(parentPort, workerData as ProjectionThreadData);
