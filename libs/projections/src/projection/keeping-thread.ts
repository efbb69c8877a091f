import { Worker } from 'node:worker_threads';
import { BusinessDate } from '@groupcap/domain';
import { compiledWorker } from './compiled-worker';
import { KeepingReply, KeepingRequest, KeepingWorkerData } from './keeping.worker';

export interface KeepingThreadOptions extends KeepingWorkerData {
  today: () => BusinessDate;
  /** Told when the rows of a date could not be kept: the thread goes on, and the next ask computes them itself. */
  onProblem: (message: string, error?: unknown) => void;
  /** How often it brings the rows up to date again. Default 60 s, as the writer's look for a new day. */
  checkEveryMs?: number;
}

/** How long a stop waits for the thread to close its connection before it is terminated (mid-computation). */
const STOP_GRACE_MS = 1_000;

/**
 * The business date's rows kept on a thread of its own (keeping.worker.ts): once the projection has caught up, then
 * every minute: a new business date, or a date an event dropped (a relation recorded on it, a name changed), is
 * computed there, and stale subjects refreshed. An ask of the groups list or of the report then reads kept rows
 * instead of measuring the whole book on the main thread, which would hold up every command and read. An ask that
 * comes first computes the rows itself, as without this thread; the two computations do not put each other's rows
 * (as-of/kept-dates.ts upToDate).
 */
export class KeepingThread {
  private worker: Worker | undefined;
  private timer: NodeJS.Timeout | undefined;
  /** The date the thread is keeping now, if any: one request at a time. */
  private asked: BusinessDate | undefined;

  constructor(private readonly options: KeepingThreadOptions) {}

  start(): void {
    if (this.worker) return;
    const worker = new Worker(compiledWorker(__dirname, 'keeping.worker'), { workerData: { readModelDir: this.options.readModelDir } satisfies KeepingWorkerData });
    this.worker = worker;
    worker.on('message', (reply: KeepingReply) => {
      switch (reply.kind) {
        case 'kept':
          this.asked = undefined;
          return;
        case 'failed':
          this.asked = undefined;
          this.options.onProblem(`the rows of ${reply.date} could not be kept: ${reply.message}`, reply.stack);
          return;
        case 'stopped':
          return;
        default: {
          const unhandled: never = reply;
          this.options.onProblem(`unknown reply from the keeping thread: ${JSON.stringify(unhandled)}`);
        }
      }
    });
    worker.on('error', (error) => this.options.onProblem('the keeping thread failed', error));
    worker.on('exit', () => {
      if (this.worker === worker) this.worker = undefined;
    });
    this.check();
    this.timer = setInterval(() => this.check(), this.options.checkEveryMs ?? 60_000).unref();
  }

  /** Closes the thread's connection; a computation in progress is abandoned (its date is computed again when asked). */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    const worker = this.worker;
    if (!worker) return;
    this.worker = undefined;
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    const grace = setTimeout(() => void worker.terminate(), STOP_GRACE_MS);
    this.send(worker, { kind: 'stop' });
    await exited;
    clearTimeout(grace);
  }

  private check(): void {
    const date = this.options.today();
    if (!this.worker || this.asked !== undefined) return;
    this.asked = date;
    this.send(this.worker, { kind: 'keep', date });
  }

  private send(worker: Worker, request: KeepingRequest): void {
    worker.postMessage(request);
  }
}
