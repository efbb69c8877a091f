import Database from 'better-sqlite3';
import { Subscription } from 'rxjs';
import { BOOK_STREAM } from '@groupcap/domain';
import { EventStore, RecordedEvent, SubscriptionMessage } from '@groupcap/event-store';
import { prepareReads } from '../as-of/as-of.queries';
import { KeptDates } from '../as-of/kept-dates';
import { RowInsert, WriteStatements, applyEvent, effectiveDateOf, prepareWrites } from './apply-event';
import { decodeEvent } from './projected-event';
import { KEPT_KINDS } from './read-model.db';

export interface ProjectionApplierOptions {
  /** Most events held before they are applied at once, whatever the event loop is doing. Default 500. */
  batchSize?: number;
  /**
   * Most events applied in one transaction per macrotask while fewer than `batchSize` are held, so the
   * projection, in the writer's process, never holds the event loop for long. Default 64.
   */
  sliceSize?: number;
  /**
   * The dates the reads keep rows for (as-of/kept-dates.ts: the report's, the groups list's), which each batch marks stale:
   * - the reads' own KeptDates, when they run on this thread over this same connection (BookProjection applying
   *   inline): a date they keep is in them from then on, so the applier reads nothing again;
   * - 'kept-over-another-connection', when they do not (projection.worker.ts): they may keep a date between two
   *   batches, which only the database knows, so each batch reads the kept dates again in its transaction.
   */
  kept: readonly KeptDates[] | 'kept-over-another-connection';
  /** Told after each batch and its checkpoint committed: the last position applied. */
  onApplied: (position: bigint) => void;
  /** Told once, when applying stops on an error (an event it cannot read, a failed write). */
  onError: (error: unknown) => void;
}

/**
 * The writing half of the read side: fed only from the store's subscription, filtered to the book stream, written
 * to effective-dated SQLite tables in batches. Each batch and the checkpoint commit in one transaction, so after a
 * crash the projection resumes right after the last batch it committed: nothing applied twice, nothing skipped.
 * Apart from the reads (book.projection.ts) so that it can run on a thread of its own (projection.worker.ts).
 */
export class ProjectionApplier {
  private readonly writes: WriteStatements & { setCheckpoint: RowInsert<[bigint]> };
  private readonly applyBatch: (events: readonly RecordedEvent[]) => void;
  private readonly batchSize: number;
  private readonly sliceSize: number;
  private applied: bigint | null;
  private pending: RecordedEvent[] = [];
  private flushTimer: NodeJS.Immediate | undefined;
  private subscription: Subscription | undefined;
  private stoppedBy: unknown;
  private failStart: ((error: unknown) => void) | undefined;
  private closed = false;

  constructor(
    private readonly store: EventStore,
    db: Database.Database,
    private readonly options: ProjectionApplierOptions,
  ) {
    this.batchSize = options.batchSize ?? 500;
    this.sliceSize = Math.max(1, Math.min(options.sliceSize ?? 64, this.batchSize));
    this.writes = prepareWrites(db);
    const reads = prepareReads(db);
    const shared = options.kept === 'kept-over-another-connection' ? undefined : options.kept;
    const kept = shared ?? KEPT_KINDS.map((tables) => new KeptDates(db, tables));
    this.applied = reads.checkpoint.get()?.position ?? null;
    const batch = db.transaction((events: readonly RecordedEvent[]) => {
      // The reading connection may have kept a date since the last batch (book.projection.ts).
      if (shared === undefined) for (const dates of kept) dates.loadKeptDates();
      for (const event of events) {
        if (event.streamId !== BOOK_STREAM) continue;
        const decoded = decodeEvent(event);
        applyEvent(this.writes, decoded, event.position, event.metadata);
        // In the same transaction: a kept row can never miss an applied event, whatever crash follows.
        const effectiveDate = effectiveDateOf(decoded, event.metadata);
        for (const dates of kept) dates.markEvent(decoded, effectiveDate);
      }
      // Other streams' events are skipped but still passed: the checkpoint is the last position seen.
      this.writes.setCheckpoint.run(events[events.length - 1].position);
    });
    // The write lock from the start. A deferred batch read first (the kept dates) and wrote after: if a read keeping
    // rows over the other connection (as-of/kept-dates.ts upToDate) held the lock meanwhile and wrote, SQLite
    // could not move the batch's older snapshot on to a write (SQLITE_BUSY, no wait) and the projection stopped.
    this.applyBatch = batch.immediate;
  }

  /** The last position committed with its batch (null: none yet). */
  position(): bigint | null {
    return this.applied;
  }

  /** Why applying stopped, if it did. */
  failure(): unknown {
    return this.stoppedBy;
  }

  /** Subscribes after the checkpoint; resolves once everything already in the log is applied. */
  start(): Promise<void> {
    if (this.subscription || this.closed) return Promise.reject(new Error('the projection was already started'));
    return new Promise<void>((resolve, reject) => {
      let caughtUp = false;
      this.failStart = (error) => {
        if (!caughtUp) reject(error);
      };
      const from = this.applied === null ? {} : { afterPosition: this.applied };
      this.subscription = this.store.subscribeToAll(from).subscribe({
        next: (message: SubscriptionMessage) => {
          if (this.stoppedBy !== undefined) return;
          if (message.kind === 'event') {
            this.receive(message.event);
            return;
          }
          this.flush();
          if (!caughtUp && this.stoppedBy === undefined) {
            caughtUp = true;
            resolve();
          }
        },
        error: (error: unknown) => this.fail(error),
        complete: () => this.failStart?.(new Error('the event store ended the subscription before the projection caught up')),
      });
    });
  }

  /** Applies what was received and stops the subscription; the database stays open (its owner closes it). */
  stop(): void {
    if (this.closed) return;
    this.subscription?.unsubscribe();
    this.failStart?.(new Error('the projection was stopped before it caught up with the log'));
    if (this.stoppedBy === undefined) this.flush();
    this.closed = true;
    clearImmediate(this.flushTimer);
  }

  private receive(event: RecordedEvent): void {
    const last = this.pending.length > 0 ? this.pending[this.pending.length - 1].position : this.applied;
    // Defensive: a store that redelivers must not make a balance count twice.
    if (last !== null && event.position <= last) return;
    this.pending.push(event);
    // Bounds what is held while catching up a long log (pages arrive faster than slices are applied).
    if (this.pending.length >= this.batchSize) this.flush();
    // A live page arrives in one synchronous burst: applied right after, a slice per macrotask.
    else this.flushSoon();
  }

  private flushSoon(): void {
    if (this.flushTimer === undefined) this.flushTimer = setImmediate(() => this.flushSlice());
  }

  /** One slice in one transaction; the rest in the next macrotask, after whatever else is waiting (commands). */
  private flushSlice(): void {
    this.flushTimer = undefined;
    this.flush(this.sliceSize);
    if (this.pending.length > 0 && !this.closed && this.stoppedBy === undefined) this.flushSoon();
  }

  /** Applies the first `count` held events (all by default) and their checkpoint in one transaction. */
  private flush(count = Infinity): void {
    clearImmediate(this.flushTimer);
    this.flushTimer = undefined;
    if (this.pending.length === 0 || this.closed) return;
    const batch = count >= this.pending.length ? this.pending : this.pending.slice(0, count);
    this.pending = batch === this.pending ? [] : this.pending.slice(batch.length);
    try {
      this.applyBatch(batch);
    } catch (error) {
      this.fail(error);
      return;
    }
    this.applied = batch[batch.length - 1].position;
    this.options.onApplied(this.applied);
  }

  private fail(error: unknown): void {
    if (this.stoppedBy !== undefined) return;
    this.stoppedBy = error;
    this.pending = [];
    this.subscription?.unsubscribe();
    this.options.onError(error);
    this.failStart?.(error);
  }
}
