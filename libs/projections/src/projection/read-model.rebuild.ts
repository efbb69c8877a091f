import { Worker } from 'node:worker_threads';
import { BOOK_STREAM } from '@groupcap/domain';
import { EventStore, RecordedEvent } from '@groupcap/event-store';
import { applyEvent } from './apply-event';
import { decodeEvent } from './projected-event';
import { WriterData, WriterReply, WriterRequest } from './read-model-writer.worker';
import { HeldRows, holdRebuildRows } from './rebuild-writes';
import { compiledWorker } from '@groupcap/threads';

export interface RebuildOptions {
  /** The scratch directory the new read-models.db is made in; it must not hold one yet. */
  dataDir: string;
  /** Last log position applied (-1: none). */
  toPosition: bigint;
  /** Events applied per transaction. Default 8,192. */
  eventsPerTransaction?: number;
  /** Rows of one table written by one statement. Default 64. */
  rowsPerStatement?: number;
  /** Sees every event read, up to toPosition (progress). */
  onEvent?: (event: RecordedEvent) => void;
}

/**
 * Transactions sent to the writer and not yet committed, at most: while the writer commits one, this thread reads
 * and applies the next, and never holds more than that in memory.
 */
const MAX_IN_FLIGHT = 2;

/**
 * Builds every read model from position zero of the log into a scratch database, stop-the-world (the CLI's rebuild
 * and verify). The rows are the live projection's (book.projection.ts): the same applyEvent decides them, in log
 * order; only how they reach the file differs. This thread reads, decodes and applies the events, holding their rows
 * (rebuild-writes.ts); a writer thread (read-model-writer.worker.ts) writes each run of eventsPerTransaction events
 * with the checkpoint of its last one in one transaction, many rows to a statement, into a file without journal or
 * sync, indexed and fsynced once at the end (read-model.db.ts openScratchReadModels says why that is safe for a
 * scratch). Reading, parsing and applying the log is about two thirds of the work (11 s of CPU against the writer's
 * 6 s on the bench's 2,011,994-event book): on two free cores the writer's third is off the critical path. On a
 * busy machine the two threads share what is free, and the extra copy of each transaction's rows costs about a tenth.
 * The kept large-credit report rows are not touched: an empty database keeps none, so the live projection's
 * marking of them (KeptLargeCreditRows.markEvent) has nothing to do here either.
 * Returns the position of the last event applied (null: the log held none up to toPosition).
 */
export async function rebuildReadModels(store: EventStore, options: RebuildOptions): Promise<bigint | null> {
  const eventsPerTransaction = options.eventsPerTransaction ?? 8_192;
  const writer = new RebuildWriter({ dataDir: options.dataDir, rowsPerStatement: options.rowsPerStatement ?? 64 });
  try {
    const writes = holdRebuildRows();
    let inTransaction = 0;
    let last: bigint | null = null;
    for await (const event of store.readAll()) {
      if (event.position > options.toPosition) break;
      // Defensive, as the live projection: a store that redelivers must not make a balance count twice.
      if (last !== null && event.position <= last) continue;
      options.onEvent?.(event);
      if (event.streamId === BOOK_STREAM) applyEvent(writes.statements, decodeEvent(event), event.position, event.metadata);
      // Other streams' events are skipped but still passed: the checkpoint is the last position seen.
      last = event.position;
      if (++inTransaction < eventsPerTransaction) continue;
      await writer.commit(writes.take(), last);
      inTransaction = 0;
    }
    if (last !== null && inTransaction > 0) await writer.commit(writes.take(), last);
    await writer.finish();
    return last;
  } finally {
    await writer.stop();
  }
}

/** The writer thread as this thread sees it: transactions sent in order, answered in order, the first failure kept. */
class RebuildWriter {
  private readonly worker: Worker;
  private inFlight = 0;
  private finished = false;
  private failure: Error | undefined;
  private wake: (() => void) | undefined;

  constructor(data: WriterData) {
    this.worker = new Worker(compiledWorker(__dirname, 'read-model-writer.worker'), { workerData: data });
    this.worker.on('message', (reply: WriterReply) => {
      switch (reply.kind) {
        case 'committed':
          this.inFlight -= 1;
          break;
        case 'finished':
          this.finished = true;
          break;
        case 'failed':
          this.failure ??= new Error(`rebuilding the read models failed: ${reply.message}`);
          break;
        default: {
          const unhandled: never = reply;
          this.failure ??= new Error(`unknown reply ${JSON.stringify(unhandled)}`);
        }
      }
      this.woken();
    });
    this.worker.on('error', (error: Error) => {
      this.failure ??= error;
      this.woken();
    });
    this.worker.on('exit', (code) => {
      if (!this.finished) this.failure ??= new Error(`the read-model writer exited with code ${code} before it finished`);
      this.woken();
    });
  }

  async commit(rows: HeldRows, checkpoint: bigint): Promise<void> {
    if (this.failure) throw this.failure;
    this.worker.postMessage({ kind: 'transaction', rows, checkpoint } satisfies WriterRequest);
    this.inFlight += 1;
    await this.until(() => this.inFlight < MAX_IN_FLIGHT);
  }

  /** Resolves once every transaction is committed and the file is indexed and fsynced. */
  async finish(): Promise<void> {
    if (this.failure) throw this.failure;
    this.worker.postMessage({ kind: 'finish' } satisfies WriterRequest);
    await this.until(() => this.finished);
  }

  /** Ends the thread, finished or not (a failed rebuild's scratch is abandoned, whatever the thread was writing). */
  async stop(): Promise<void> {
    if (!this.finished) await this.worker.terminate();
  }

  private async until(done: () => boolean): Promise<void> {
    for (;;) {
      if (this.failure) throw this.failure;
      if (done()) return;
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }

  private woken(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }
}

