import { Worker } from 'node:worker_threads';
import { BusinessDate } from '@groupcap/domain';
import { compiledWorker } from '@groupcap/threads';
import { KeptRows } from '../read-models.port';
import { KeepingReply, KeepingRequest, KeepingWorkerData, Measure, Measured, Measures } from './keeping.worker';

export interface KeepingThreadOptions extends KeepingWorkerData {
  today: () => BusinessDate;
  /** Told when the rows of a date could not be kept: the thread goes on, and the next ask computes them itself. */
  onProblem: (message: string, error?: unknown) => void;
  /** How often it brings the rows up to date again. Default 60 s, as the writer's look for a new day. */
  checkEveryMs?: number;
}

/** The kinds the business date keeps, in the order the thread keeps them: the groups list, the shorter, first. */
const ALL_KINDS: readonly KeptRows[] = ['groups', 'report'];

/** How long a stop waits for the thread to close its connection before it is terminated (mid-computation). */
const STOP_GRACE_MS = 1_000;

/** An ask waiting for a kind of rows of a date to be kept (whenKept). */
interface Waiter {
  date: BusinessDate;
  rows: KeptRows;
  done: () => void;
}

/**
 * The business date's rows, and a quarter end's report rows when an ask waits for them, kept on a thread of its own
 * (keeping.worker.ts): once the projection has caught up, then
 * every minute: a new business date, or a date an event dropped (a relation recorded on it, a name changed), is
 * computed there, and stale subjects refreshed. An ask of the groups list or of the report then reads kept rows
 * instead of measuring the whole book on the main thread, which would hold up every command and read. An ask that
 * comes while the thread computes answers from its own computation, as without this thread, and leaves the date to
 * the thread; one that comes first is left the date by the thread (as-of/kept-dates.ts upToDate). An ask can instead
 * wait for the thread (whenKept), so that the main thread goes on answering everything else meanwhile.
 */
export class KeepingThread {
  private worker: Worker | undefined;
  private timer: NodeJS.Timeout | undefined;
  /** The date the thread is keeping now, if any: one request at a time. */
  private asked: BusinessDate | undefined;
  private stopped = false;
  private readonly waiters = new Set<Waiter>();
  /** Measures asked and not answered yet, by their id; each resolves with the answer, or undefined when the thread cannot. */
  private readonly measures = new Map<number, (measured: Measured | undefined) => void>();
  private measuresSent = 0;

  constructor(private readonly options: KeepingThreadOptions) {}

  start(): void {
    if (this.timer) return;
    this.check();
    this.timer = setInterval(() => this.check(), this.options.checkEveryMs ?? 60_000).unref();
  }

  private spawn(): Worker {
    const worker = new Worker(compiledWorker(__dirname, 'keeping.worker'), { workerData: { readModelDir: this.options.readModelDir } satisfies KeepingWorkerData });
    this.worker = worker;
    worker.on('message', (reply: KeepingReply) => {
      switch (reply.kind) {
        case 'kept':
          this.release((w) => w.date === reply.date && w.rows === reply.rows);
          return;
        case 'done':
          this.next();
          return;
        case 'failed':
          this.options.onProblem(`the rows of ${reply.date} could not be kept: ${reply.message}`, reply.stack);
          // Its asks compute the rows themselves, as without the thread.
          this.release((w) => w.date === reply.date);
          this.next();
          return;
        case 'measured':
          this.measures.get(reply.id)?.(reply.measured);
          return;
        case 'measure-failed':
          this.options.onProblem(`a report could not be measured on the keeping thread: ${reply.message}`, reply.stack);
          this.measures.get(reply.id)?.(undefined);
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
    worker.on('exit', (code) => {
      if (this.worker !== worker) return;
      // Not stopped: it died (out of memory, say). Started again at the next check.
      this.worker = undefined;
      this.asked = undefined;
      this.release(() => true);
      this.leaveEveryMeasure();
      this.options.onProblem(`the keeping thread exited with code ${code}; it starts again within a minute`);
    });
    return worker;
  }

  /**
   * Closes the thread's connection. A computation in progress is abandoned: the next start forgets the date it left
   * computing (as-of/kept-dates.ts forgetComputing).
   */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    this.release(() => true);
    this.leaveEveryMeasure();
    const worker = this.worker;
    if (!worker) return;
    this.worker = undefined;
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    const grace = setTimeout(() => void worker.terminate(), STOP_GRACE_MS);
    this.send(worker, { kind: 'stop' });
    await exited;
    clearTimeout(grace);
  }

  /**
   * Resolves once the thread has kept the date's rows of this kind, or failed to (its asks then compute them as
   * without the thread), or after `timeoutMs`; at once once stopped. The date is asked for next if the thread is busy.
   */
  whenKept(date: BusinessDate, rows: KeptRows, timeoutMs: number): Promise<void> {
    if (this.stopped) return Promise.resolve();
    return new Promise((resolve) => {
      const waiter: Waiter = {
        date,
        rows,
        done: () => {
          clearTimeout(timer);
          this.waiters.delete(waiter);
          resolve();
        },
      };
      const timer = setTimeout(waiter.done, timeoutMs);
      this.waiters.add(waiter);
      this.ask(date, [rows]);
    });
  }

  /**
   * The answer (keeping.worker.ts Measures), computed on the thread from the whole book as of its date in a read
   * transaction begun after the ask; undefined when the thread is stopped, fails or dies meanwhile (the ask then
   * computes it itself, as without the thread). Asks queue behind the rows being kept, never beside them.
   */
  measure<K extends keyof Measures>(what: Measure<K>): Promise<Measures[K]['value'] | undefined> {
    if (this.stopped) return Promise.resolve(undefined);
    const worker = this.worker ?? this.spawn();
    const id = ++this.measuresSent;
    return new Promise((resolve) => {
      this.measures.set(id, (measured) => {
        this.measures.delete(id);
        // The reply names what it measured: the one asked, by the worker's switch on it.
        resolve(measured?.of === what.of ? (measured.value as Measures[K]['value']) : undefined);
      });
      // A Measure<K> is a Measure: TypeScript does not see it through the mapped type.
      this.send(worker, { kind: 'measure', id, what: what as Measure });
    });
  }

  /** Every measure asked is answered with nothing: each ask then measures it itself. */
  private leaveEveryMeasure(): void {
    for (const answer of [...this.measures.values()]) answer(undefined);
  }

  private release(which: (waiter: Waiter) => boolean): void {
    for (const waiter of [...this.waiters]) if (which(waiter)) waiter.done();
  }

  /** Once a request is done: the kinds of rows that asks wait for on the date the first of them asked, if any. */
  private next(): void {
    this.asked = undefined;
    const waiting = this.waiters.values().next();
    if (waiting.done) return;
    const { date } = waiting.value;
    this.ask(date, ALL_KINDS.filter((rows) => [...this.waiters].some((w) => w.date === date && w.rows === rows)));
  }

  private check(): void {
    this.ask(this.options.today(), ALL_KINDS);
  }

  /** One request at a time: a date asked while the thread is busy waits for next(), or for the next check. */
  private ask(date: BusinessDate, rows: readonly KeptRows[]): void {
    if (this.stopped) return;
    const worker = this.worker ?? this.spawn();
    if (this.asked !== undefined) return;
    this.asked = date;
    this.send(worker, { kind: 'keep', date, rows });
  }

  private send(worker: Worker, request: KeepingRequest): void {
    worker.postMessage(request);
  }
}
