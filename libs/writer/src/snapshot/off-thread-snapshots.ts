import { Worker } from 'node:worker_threads';
import { compiledWorker } from '@groupcap/event-store';
import { SnapshotPoint } from './snapshot-from-log';

/** What the snapshot worker opens: the SQLite event log, read-only use, and the snapshot directory it saves into. */
export interface SnapshotWorkerData {
  eventsFile: string;
  snapshotDirectory: string;
  /** FileSnapshotStore's `keep`. */
  keep: number;
  retentionMs: number;
}

/** `today`: the writer's business date, which the saved snapshot says whether the book is reviewed on (reviewed-on.ts). */
export type SnapshotRequest = SnapshotPoint & { id: number; now: number; today: string };
export type SnapshotReply = { kind: 'saved'; id: number } | { kind: 'failed'; id: number; message: string } | { kind: 'problem'; message: string };

/**
 * Writer snapshots built and saved in a worker thread. Encoding a whole book is long synchronous work (about
 * half a second for 10,000 customers, seconds for a million), and on the writer's thread every command queued
 * meanwhile waits for it. The worker rebuilds the state at the requested revision from the durable log
 * (bookFromLog: the book of its previous save, else the newest trusted snapshot, then the events since), so
 * nothing of the writer's memory is copied, and saves it as FileSnapshotStore does. The writer's thread only
 * posts the revision. The price is memory: the worker holds a second copy of the book between saves (a worker
 * started per save would decode the last snapshot each time, several times the CPU of the save itself).
 */
export class OffThreadSnapshots {
  private worker: Worker | undefined;
  private nextId = 0;
  private readonly waiting = new Map<number, { resolve: () => void; reject: (error: Error) => void }>();

  constructor(
    private readonly data: SnapshotWorkerData,
    private readonly onProblem: (message: string) => void,
  ) {}

  /** Resolves once the snapshot at `point` is durable in the directory; rejects if it could not be built or saved. */
  save(point: SnapshotPoint, now: number, today: string): Promise<void> {
    const worker = this.worker ?? this.spawn();
    const id = ++this.nextId;
    return new Promise<void>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      const request: SnapshotRequest = { ...point, id, now, today };
      worker.postMessage(request);
    });
  }

  /** Stops the worker; a save it was still doing is lost (call once none is pending). */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    if (!worker) return;
    // Its end is asked for: not to be mistaken for a crash failing the next worker's saves.
    // An error it emits while being stopped is of no use to anyone, but must not become an unhandled 'error'.
    worker.removeAllListeners('exit').removeAllListeners('error').on('error', () => undefined);
    await worker.terminate();
  }

  private spawn(): Worker {
    const worker = new Worker(compiledWorker(__dirname, 'snapshot.worker'), { workerData: this.data });
    // An idle worker must not keep the process alive; a save in flight is atomic (temporary file, rename).
    worker.unref();
    worker.on('message', (reply: SnapshotReply) => {
      if (reply.kind === 'problem') return this.onProblem(reply.message);
      const waiter = this.waiting.get(reply.id);
      this.waiting.delete(reply.id);
      if (reply.kind === 'saved') waiter?.resolve();
      else waiter?.reject(new Error(reply.message));
    });
    worker.on('error', (error) => this.lost(worker, error));
    worker.on('exit', (code) => this.lost(worker, new Error(`the snapshot worker exited with code ${code}`)));
    this.worker = worker;
    return worker;
  }

  private lost(worker: Worker, error: Error): void {
    if (this.worker === worker) this.worker = undefined;
    for (const waiter of this.waiting.values()) waiter.reject(error);
    this.waiting.clear();
  }
}
