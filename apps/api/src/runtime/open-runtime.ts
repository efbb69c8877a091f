import { SqliteEventStore, openEventStore } from '@groupcap/event-store';
import { BookProjection } from '@groupcap/projections';
import { BookWriter, FileSnapshotStore, WriterThread, snapshotDirectory } from '@groupcap/writer';
import { businessToday } from '../config/business-today';
import { ApiConfig } from '../config/api-config';
import { runsReadSide, runsWriter } from '../config/server-role';
import { ApiRuntime } from './api-runtime';

export interface StartableRuntime extends ApiRuntime {
  /**
   * Catches the writer and the projection up with the log while the server already listens: health
   * says "starting", and the writer refuses commands (503 WRITER_UNAVAILABLE) until it has caught up.
   */
  start(): Promise<void>;
  /** The writer restores and writes on a thread of its own (WRITER_THREAD=worker, SQLite): starting it early holds up nothing here. */
  readonly writesOnThread: boolean;
}

/**
 * The production wiring: the event store EVENT_STORE names (SQLite in DATA_DIR by default), the book writer with
 * snapshots (on a thread of its own with WRITER_THREAD=worker), and the projections on it. "Today" is BUSINESS_DATE
 * or China's date, on every thread alike.
 */
export function openRuntime(
  config: Pick<ApiConfig, 'dataDir' | 'readModelDir' | 'serverRole' | 'idempotencyRetentionDays' | 'businessDate'> &
    Partial<Pick<ApiConfig, 'projectionThread' | 'writerThread' | 'keepingThread'>>,
): StartableRuntime {
  const store = openEventStore({ dataDir: config.dataDir });
  const today = businessToday(config.businessDate);
  const idempotencyRetentionMs = config.idempotencyRetentionDays * 24 * 60 * 60 * 1000;
  const writeOnThread = config.writerThread === 'worker' && store instanceof SqliteEventStore;
  const writer = !runsWriter(config.serverRole)
    ? null
    : writeOnThread
      ? new WriterThread(
          { eventStoreDir: config.dataDir, businessDate: config.businessDate, idempotencyRetentionMs },
          // The thread's appends are made over its own connection: this one's readers (the projection) are told at once.
          { onAppended: () => store.wakeSubscriptions(), onError: (error) => console.error('writer stopped:', error) },
        )
      : new BookWriter(store, { today, snapshots: snapshotsReadAhead(config.dataDir), idempotencyRetentionMs });
  // The projection's thread reads the SQLite log through a connection of its own; EventStoreDB's is applied inline.
  const applyOnThread = (config.projectionThread ?? 'worker') === 'worker' && store instanceof SqliteEventStore ? { eventStoreDir: config.dataDir } : undefined;
  // With the projection on its thread, the business date's kept rows are kept on a third (keeping-thread.ts).
  const keepOnThread = applyOnThread && (config.keepingThread ?? true) ? {} : undefined;
  const projection = runsReadSide(config.serverRole) ? new BookProjection(store, { dataDir: config.readModelDir, today, applyOnThread, keepOnThread }) : null;
  let ready = false;

  return {
    role: config.serverRole,
    store,
    writer,
    readModels: projection,
    isReady: () => ready,
    writesOnThread: writer instanceof WriterThread,
    async start() {
      // The writer first, then the read side: on a 2-core machine, a thread started beside the writer's restore takes
      // the core its collector's helpers work on. The projection's thread (its modules, its catch-up from the last batch
      // it committed) delayed the first accepted command on a bank's book by about 0.2 s (docs/benchmarks.md,
      // twenty-sixth sitting), the keeping thread's whole-book measure by more; started after, the projection still
      // caught up within about 0.2 s of the writer. Reads meanwhile answer from what the projection last committed,
      // as during any catch-up, and a read naming ?minPosition waits for it.
      await writer?.start();
      await projection?.start();
      ready = true;
    },
    async stop() {
      ready = false;
      await writer?.stop();
      await projection?.stop();
      await store.close();
    },
  };
}

/**
 * The writer's snapshots, the newest already being read: its restore starts once the server listens (main.ts), and the
 * file is read meanwhile, off this thread, while the HTTP shell's modules load on it.
 */
function snapshotsReadAhead(dataDir: string): FileSnapshotStore {
  const snapshots = new FileSnapshotStore(snapshotDirectory(dataDir));
  void snapshots.readAhead();
  return snapshots;
}
