import { BookState, initialBookState } from '@groupcap/domain';
import { EventStore } from '@groupcap/event-store';
import { IdempotencyIndex } from '../idempotency-index';
import { replayEvent } from '../replay-event';
import { SnapshotStore } from './snapshot.store';
import { trustedSnapshot } from './writer-snapshotter';

/** Where a snapshot is to be taken: after the event `lastEventId`, at `revision` and `position` of `streamId`. */
export interface SnapshotPoint {
  streamId: string;
  revision: bigint;
  position: bigint;
  lastEventId: string;
}

/** The book as the writer would hold it after the event at `revision`. */
export interface ReplayedBook extends SnapshotPoint {
  state: BookState;
  idempotency: IdempotencyIndex;
}

/**
 * The writer's book at `point`, rebuilt from what is durable instead of copied from the writer's memory: from
 * `held` (a book this function returned before, at or before the point), else from the newest trusted snapshot,
 * else from nothing; then the log up to and including `point.revision`, each event applied exactly as the
 * writer applies it (replayEvent). It is therefore the state a restart would reach at that revision. Throws
 * when the log does not hold `point.lastEventId` at `point.revision`.
 */
export async function bookFromLog(
  store: EventStore,
  snapshots: SnapshotStore,
  point: SnapshotPoint,
  options: { retentionMs: number; now: number; onProblem: (message: string, error?: unknown) => void; held?: ReplayedBook },
): Promise<ReplayedBook> {
  const { held } = options;
  let base: ReplayedBook | undefined;
  if (held && held.streamId === point.streamId && held.revision <= point.revision) {
    base = held;
  } else {
    const found = await trustedSnapshot(snapshots, store, point.streamId, options.onProblem);
    // A newer snapshot than the point cannot be wound back: start from the log's beginning instead.
    if (found && found.revision <= point.revision) base = { ...found, idempotency: IdempotencyIndex.restore(found.idempotency, options.retentionMs, options.now) };
  }
  let state: BookState = base?.state ?? initialBookState;
  const idempotency = base?.idempotency ?? new IdempotencyIndex(options.retentionMs);
  let last = base && { id: base.lastEventId, revision: base.revision, position: base.position };
  const from = base ? base.revision + 1n : 0n;
  if (point.revision >= from) {
    for await (const recorded of store.readStream(point.streamId, { fromRevision: from, maxCount: Number(point.revision - from + 1n) })) {
      state = replayEvent(state, recorded, idempotency, options.now);
      last = recorded;
    }
  }
  // The book must end exactly at the event the writer named: else the log is not the one the writer saw.
  if (last?.id !== point.lastEventId || last.revision !== point.revision || last.position !== point.position) {
    throw new Error(`the log does not hold event ${point.lastEventId} at revision ${point.revision} of ${point.streamId}`);
  }
  idempotency.expire(options.now);
  return { ...point, state, idempotency };
}
