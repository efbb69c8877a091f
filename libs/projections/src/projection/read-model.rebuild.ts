import { setImmediate as nextMacrotask } from 'node:timers/promises';
import { BOOK_STREAM } from '@groupcap/domain';
import { EventStore, RecordedEvent } from '@groupcap/event-store';
import { applyEvent } from './apply-event';
import { decodeEvent } from './projected-event';
import { finishScratchReadModels, openScratchReadModels } from './read-model.db';
import { prepareRebuildWrites } from './rebuild-writes';

export interface RebuildOptions {
  /** The scratch directory the new read-models.db is made in; it must not hold one yet. */
  dataDir: string;
  /** Last log position applied (-1: none). */
  toPosition: bigint;
  /** Events applied per transaction. Default 16,384. */
  eventsPerTransaction?: number;
  /** Rows of one table written by one statement. Default 64. */
  rowsPerStatement?: number;
  /** Sees every event read, up to toPosition (progress). */
  onEvent?: (event: RecordedEvent) => void;
}

/**
 * Builds every read model from position zero of the log into a scratch database, stop-the-world (the CLI's rebuild
 * and verify): the same applyEvent as the live projection (book.projection.ts), so the same rows, in the same
 * tables; only how they reach the file differs. Thousands of events per transaction, each with the checkpoint of
 * its last event, rows written many to a statement, indexes built at the end, no journal and no sync until the
 * finished file is fsynced once (read-model.db.ts openScratchReadModels says why that is safe for a scratch).
 * The kept large-credit report rows are not touched: an empty database keeps none, so the live projection's
 * marking of them (KeptLargeCreditRows.markEvent) has nothing to do here either.
 * Returns the position of the last event applied (null: the log held none up to toPosition).
 */
export async function rebuildReadModels(store: EventStore, options: RebuildOptions): Promise<bigint | null> {
  const eventsPerTransaction = options.eventsPerTransaction ?? 16_384;
  const scratch = openScratchReadModels(options.dataDir);
  const { db } = scratch;
  let applied: bigint | null = null;
  try {
    const writes = prepareRebuildWrites(db, options.rowsPerStatement ?? 64);
    // Each event is applied as it is read, inside a transaction left open across the reads: none of them is held
    // (a batch of thousands kept in memory would outlive the young generation and cost a full collection). Only
    // this connection uses the file, so nothing can interleave with the open transaction.
    let inTransaction = 0;
    let last: bigint | null = null;
    const commit = () => {
      writes.flush();
      // Other streams' events are skipped but still passed: the checkpoint is the last position seen.
      writes.statements.setCheckpoint.run(last as bigint);
      db.exec('COMMIT');
      applied = last;
      inTransaction = 0;
    };
    for await (const event of store.readAll()) {
      if (event.position > options.toPosition) break;
      // Defensive, as the live projection: a store that redelivers must not make a balance count twice.
      if (last !== null && event.position <= last) continue;
      options.onEvent?.(event);
      if (inTransaction === 0) db.exec('BEGIN');
      if (event.streamId === BOOK_STREAM) applyEvent(writes.statements, decodeEvent(event), event.position, event.metadata);
      last = event.position;
      if (++inTransaction < eventsPerTransaction) continue;
      commit();
      // A breath between transactions: the CLI's progress display redraws on a timer.
      await nextMacrotask();
    }
    if (inTransaction > 0) commit();
  } catch (error) {
    // Whatever the transaction left (without a journal it cannot be rolled back): the scratch is abandoned.
    db.close();
    throw error;
  }
  finishScratchReadModels(scratch);
  return applied;
}
