import { Worker } from 'node:worker_threads';
import { StoreUnavailableError } from '@groupcap/event-store';
import { compiledWorker } from '@groupcap/threads';
import { WriterUnavailableError } from '../book-writer';
import { CommandOutcome, CommandSubmission } from '../command-submission';
import type { NumberedSubmission, ThrownError, WriterReply, WriterRequest, WriterStats, WriterWorkerData } from './writer.worker';

export interface WriterThreadOptions {
  /** Told after each append the thread made: another connection's appends reach this process's readers at once. */
  onAppended?: () => void;
  /** Told once, when the thread stops on its own (its start failed, or it exited). */
  onError?: (error: unknown) => void;
}

/** The errors a caller tells apart (api's unavailable.problem.ts): made again as their own class, the rest as Error. */
function madeAgain(error: ThrownError): Error {
  const made =
    error.name === 'WriterUnavailableError'
      ? new WriterUnavailableError(error.message)
      : error.name === 'StoreUnavailableError'
        ? new StoreUnavailableError(error.message)
        : Object.assign(new Error(error.message), { name: error.name });
  if (error.stack !== undefined) made.stack = error.stack;
  return made;
}

/**
 * The book's writer on a thread of its own (writer.worker.ts), behind the same `submit` as a BookWriter: the write
 * model's heap and its collections stay off the thread that answers HTTP, and its restore can run while that thread
 * loads the shell, at the cost of a copy of every command and answer (docs/operations.md, Writer thread, for what
 * that bought and cost when measured). Commands keep their order: one port, read in order, into the writer's queue.
 */
export class WriterThread {
  readonly stats: WriterStats = { batches: 0, commands: 0, conflicts: 0, reviewsOfEverySubject: 0, reviewsSinceLast: 0 };
  private worker: Worker | undefined;
  private started = false;
  private stoppedBy: Error | undefined;
  private stopping: Promise<void> | undefined;
  private next = 0;
  /** Given in this turn, posted together at its end. */
  private given: NumberedSubmission[] = [];
  private readonly waiting = new Map<number, { resolve: (outcome: CommandOutcome) => void; reject: (error: unknown) => void }>();

  constructor(
    private readonly data: WriterWorkerData,
    private readonly options: WriterThreadOptions = {},
  ) {}

  /** Starts the thread; resolves once its writer has caught up with the log (commands are refused until then). */
  start(): Promise<void> {
    if (this.worker) return Promise.reject(new Error('the writer thread was already started'));
    return new Promise<void>((resolve, reject) => {
      const worker = new Worker(compiledWorker(__dirname, 'writer.worker'), { workerData: this.data });
      this.worker = worker;
      const fail = (error: Error) => {
        if (this.stoppedBy !== undefined) return;
        this.stoppedBy = error;
        this.started = false;
        for (const waiter of this.waiting.values()) waiter.reject(new WriterUnavailableError(`the writer thread stopped: ${error.message}`, error));
        this.waiting.clear();
        this.options.onError?.(error);
        reject(error);
      };
      worker.on('message', (reply: WriterReply) => {
        switch (reply.kind) {
          case 'started':
            Object.assign(this.stats, reply.stats);
            this.started = true;
            resolve();
            return;
          case 'answered':
            Object.assign(this.stats, reply.stats);
            for (const answer of reply.answers) {
              const waiter = this.waiting.get(answer.n);
              this.waiting.delete(answer.n);
              if ('outcome' in answer) waiter?.resolve(answer.outcome);
              else waiter?.reject(madeAgain(answer.error));
            }
            return;
          case 'appended':
            this.options.onAppended?.();
            return;
          case 'failed':
            fail(madeAgain(reply.error));
            return;
          case 'stopped':
            return;
          default: {
            const unhandled: never = reply;
            fail(new Error(`unknown reply from the writer thread: ${JSON.stringify(unhandled)}`));
          }
        }
      });
      worker.on('error', fail);
      worker.on('exit', (code) => {
        this.worker = undefined;
        if (this.stopping === undefined) fail(new Error(`the writer thread exited with code ${code}`));
      });
    });
  }

  submit(submission: CommandSubmission): Promise<CommandOutcome> {
    if (this.stoppedBy !== undefined) return Promise.reject(new WriterUnavailableError(`the writer thread stopped: ${this.stoppedBy.message}`, this.stoppedBy));
    if (this.stopping !== undefined) return Promise.reject(new WriterUnavailableError('the writer is stopping'));
    // The same refusal as the writer's own before it has caught up (book-writer.ts).
    if (!this.started) return Promise.reject(new WriterUnavailableError('the writer has not finished catching up with the log'));
    return new Promise((resolve, reject) => {
      const n = this.next++;
      this.waiting.set(n, { resolve, reject });
      if (this.given.push({ n, submission }) === 1) setImmediate(() => this.post());
    });
  }

  /** The thread writes what it was given, finishes a snapshot being saved, closes its connection and exits. */
  stop(): Promise<void> {
    this.stopping ??= new Promise<void>((resolve) => {
      const worker = this.worker;
      if (!worker) return resolve();
      worker.once('exit', () => resolve());
      // What was given before the stop is written before it.
      this.post();
      this.send({ kind: 'stop' });
    });
    return this.stopping;
  }

  /** The commands given so far, in one message. */
  private post(): void {
    if (this.given.length === 0) return;
    this.send({ kind: 'submit', submissions: this.given });
    this.given = [];
  }

  private send(request: WriterRequest): void {
    this.worker?.postMessage(request);
  }
}
