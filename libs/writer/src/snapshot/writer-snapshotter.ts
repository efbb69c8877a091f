import { EventStore, RecordedEvent, StreamNotFoundError } from '@groupcap/event-store';
import { SnapshotStore, WriterSnapshot } from './snapshot.store';

export interface SnapshotterOptions {
  /** Events applied between two snapshots. */
  every: number;
  /** Told when a snapshot could not be read or saved, or is not of this log; the writer carries on either way. */
  onProblem: (message: string, error?: unknown) => void;
  /** Passed to SnapshotStore.save: what a save waits for between two slices of its work on the writer's thread. */
  between?: () => Promise<void>;
}

/** Where the writer stands (the revision of its last applied event), and its state there. */
export interface SnapshotCapture {
  revision: bigint;
  /** The day the writer knows its book reviewed on (WriterSnapshot.reviewedOn), or null. */
  reviewedOn: string | null;
  take: () => WriterSnapshot;
}

/**
 * The newest snapshot `snapshots` can read whose revision still holds, in the log, the very event it was taken
 * after (a snapshot of another log is no help); undefined, with `onProblem` told why, when there is none.
 */
export async function trustedSnapshot(
  snapshots: SnapshotStore,
  store: EventStore,
  streamId: string,
  onProblem: (message: string, error?: unknown) => void,
): Promise<WriterSnapshot | undefined> {
  const snapshot = await snapshots.load(streamId).catch((error: unknown) => {
    onProblem('could not read the snapshots; replaying the log from the start', error);
    return undefined;
  });
  if (!snapshot) return undefined;
  let anchor: RecordedEvent | undefined;
  try {
    for await (const e of store.readStream(streamId, { fromRevision: snapshot.revision, maxCount: 1 })) anchor = e;
  } catch (error) {
    if (!(error instanceof StreamNotFoundError)) throw error;
  }
  if (anchor?.id !== snapshot.lastEventId || anchor.position !== snapshot.position) {
    onProblem(`the snapshot at revision ${snapshot.revision} is not of this log; replaying the log from the start`);
    return undefined;
  }
  return snapshot;
}

/**
 * When the writer takes and trusts snapshots. A snapshot is restored only if the log still holds, at its
 * revision, the very event it was taken after (a snapshot of another log is no help); saving happens after the
 * callers have their answers, in slices between commands, one save at a time, and a failed save is retried
 * `every` events later.
 */
export class WriterSnapshotter {
  private lastRevision = -1n;
  private saving: Promise<void> | null = null;
  /** Events the writer applied while the last save ran. */
  private appliedDuringSave = 0n;
  /** What the last snapshot saved or restored says of reviews. */
  private lastReviewedOn: string | null = null;

  constructor(
    private readonly snapshots: SnapshotStore,
    private readonly store: EventStore,
    private readonly streamId: string,
    private readonly options: SnapshotterOptions,
  ) {}

  /** Revision of the last snapshot saved or restored, or null. */
  get revision(): bigint | null {
    return this.lastRevision < 0n ? null : this.lastRevision;
  }

  /** The newest snapshot the store trusts and the log confirms, or undefined: then replay from the start. */
  async restore(): Promise<WriterSnapshot | undefined> {
    const snapshot = await trustedSnapshot(this.snapshots, this.store, this.streamId, this.options.onProblem);
    if (snapshot) {
      this.lastRevision = snapshot.revision;
      this.lastReviewedOn = snapshot.reviewedOn ?? null;
    }
    return snapshot;
  }

  /**
   * Once `every` events (or more, see below) were applied since the last snapshot: `take` holds the state now (it is
   * immutable, and consistent with the revision between batches), and the store encodes and writes it after the
   * callers have their answers, on this thread but in slices, with batches decided in between (FileSnapshotStore).
   * Also as soon as the book is known reviewed on a day the last snapshot does not say (once a day, after the day's
   * review): a restart on that day then skips the review. `afterSave` runs when a save ends, since batches written
   * meanwhile may call for the next.
   */
  maybeSave(capture: () => SnapshotCapture | undefined, afterSave: () => void): void {
    const at = capture();
    if (!at || this.saving) return;
    // A save costs about the same whatever the number of events since the last one (the whole book is
    // encoded), so a busy writer spaces them out: twice as many events as arrived during the last save, so
    // a save is under way at most about a third of the time. An idle writer saves every `every`.
    const every = BigInt(this.options.every);
    const spacing = 2n * this.appliedDuringSave > every ? 2n * this.appliedDuringSave : every;
    const newlyReviewed = at.reviewedOn !== null && at.reviewedOn !== this.lastReviewedOn;
    if (at.revision - this.lastRevision < spacing && !newlyReviewed) return;
    const snapshot = at.take();
    this.saving = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => this.snapshots.save(snapshot, this.options.between))
      .catch((error: unknown) => this.options.onProblem(`could not save the snapshot at revision ${at.revision}`, error))
      .finally(() => {
        this.lastRevision = at.revision;
        this.lastReviewedOn = at.reviewedOn;
        this.appliedDuringSave = (capture()?.revision ?? at.revision) - at.revision;
        this.saving = null;
        afterSave();
      });
  }

  /** Resolves once no snapshot is being saved (shutdown, tests). */
  async settled(): Promise<void> {
    while (this.saving) await this.saving;
  }

  /** Waits for a save in flight. */
  async close(): Promise<void> {
    await this.settled();
  }
}
