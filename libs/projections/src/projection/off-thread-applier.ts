import { Worker } from 'node:worker_threads';
import { ProjectionReply, ProjectionRequest, ProjectionThreadData, ProjectionWorkerData } from './projection.worker';
import { compiledWorker } from '@groupcap/threads';

export interface OffThreadApplierOptions {
  /** Told after each batch the thread committed: the last position applied. */
  onApplied: (position: bigint) => void;
  /** Told once, when applying stops on an error (the thread's, or the thread lost). */
  onError: (error: unknown) => void;
  /**
   * Registers a call for every append made through this process's store (SqliteEventStore.watchAppends): the
   * thread's own store cannot see them until its next poll, so they wake it at once.
   */
  watchAppends?: (listener: () => void) => () => void;
}

/**
 * The projection applied on a thread of its own (projection.worker.ts): the main thread keeps only the reads, and the
 * events' decoding and the read models' writes, about as much work as deciding them, run on the other core.
 */
export class OffThreadApplier {
  private worker: Worker | undefined;
  private stoppedBy: unknown;
  private unwatch: (() => void) | undefined;
  private stopped: Promise<void> | undefined;
  /**
   * 1 while a wake is on its way to the thread, cleared by the thread when it takes the wake, before the read the wake
   * starts (projection.worker.ts). An append that finds it set is read by that read; one that finds it clear posts a
   * wake of its own. So a burst of appends costs one message, and none waits for the thread's next poll.
   */
  private readonly wakePending = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));

  constructor(
    private readonly data: ProjectionWorkerData,
    private readonly options: OffThreadApplierOptions,
  ) {}

  failure(): unknown {
    return this.stoppedBy;
  }

  /** Starts the thread; resolves once it has applied everything already in the log. */
  start(): Promise<void> {
    if (this.worker) return Promise.reject(new Error('the projection was already started'));
    return new Promise<void>((resolve, reject) => {
      const workerData: ProjectionThreadData = { ...this.data, wakePending: this.wakePending };
      const worker = new Worker(compiledWorker(__dirname, 'projection.worker'), { workerData });
      this.worker = worker;
      let caughtUp = false;
      const fail = (error: unknown) => {
        if (this.stoppedBy !== undefined) return;
        this.stoppedBy = error;
        this.unwatch?.();
        this.options.onError(error);
        if (!caughtUp) reject(error);
      };
      worker.on('message', (reply: ProjectionReply) => {
        switch (reply.kind) {
          case 'applied':
            this.options.onApplied(reply.position);
            return;
          case 'caught-up':
            caughtUp = true;
            resolve();
            return;
          case 'failed':
            fail(Object.assign(new Error(reply.message), { stack: reply.stack }));
            return;
          case 'stopped':
            // Its connections are closed: nothing it holds is worth waiting for.
            void worker.terminate();
            return;
          default: {
            const unhandled: never = reply;
            fail(new Error(`unknown reply from the projection thread: ${JSON.stringify(unhandled)}`));
          }
        }
      });
      worker.on('error', fail);
      worker.on('exit', (code) => {
        this.worker = undefined;
        if (this.stopped === undefined) fail(new Error(`the projection thread exited with code ${code}`));
      });
      this.unwatch = this.options.watchAppends?.(() => this.wake());
    });
  }

  /** Has the thread apply what it holds, close its connections and exit. */
  stop(): Promise<void> {
    this.stopped ??= new Promise<void>((resolve) => {
      this.unwatch?.();
      const worker = this.worker;
      if (!worker) return resolve();
      worker.once('exit', () => resolve());
      this.send({ kind: 'stop' });
    });
    return this.stopped;
  }

  private wake(): void {
    if (Atomics.exchange(this.wakePending, 0, 1) === 0) this.send({ kind: 'wake' });
  }

  private send(request: ProjectionRequest): void {
    this.worker?.postMessage(request);
  }
}
