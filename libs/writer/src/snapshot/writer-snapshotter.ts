import { EventStore, RecordedEvent, StreamNotFoundError } from '@groupcap/event-store';
import { SnapshotStore, WriterSnapshot } from './snapshot.store';

export interface SnapshotterOptions {
  /** Events applied between two snapshots. */
  every: number;
  /** Told when a snapshot could not be read or saved, or is not of this log; the writer carries on either way. */
  onProblem: (message: string, error?: unknown) => void;
}

/**
 * When the writer takes and trusts snapshots. A snapshot is restored only if the log still holds, at its
 * revision, the very event it was taken after (a snapshot of another log is no help); saving happens off the
 * command path, one save at a time, and a failed save is retried `every` events later.
 */
export class WriterSnapshotter {
  private lastRevision = -1n;
  private saving: Promise<void> | null = null;

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
    const snapshot = await this.snapshots.load(this.streamId).catch((error: unknown) => {
      this.options.onProblem('could not read the snapshots; replaying the log from the start', error);
      return undefined;
    });
    if (!snapshot) return undefined;
    let anchor: RecordedEvent | undefined;
    try {
      for await (const e of this.store.readStream(this.streamId, { fromRevision: snapshot.revision, maxCount: 1 })) anchor = e;
    } catch (error) {
      if (!(error instanceof StreamNotFoundError)) throw error;
    }
    if (anchor?.id !== snapshot.lastEventId || anchor.position !== snapshot.position) {
      this.options.onProblem(`the snapshot at revision ${snapshot.revision} is not of this log; replaying the log from the start`);
      return undefined;
    }
    this.lastRevision = snapshot.revision;
    return snapshot;
  }

  /**
   * Once `every` events were applied since the last snapshot: `capture` takes the state now (it is immutable,
   * and consistent with the revision between batches); encoding and writing happen after the callers have
   * their answers. `afterSave` runs when a save ends, since batches written meanwhile may call for the next.
   */
  maybeSave(revision: bigint, capture: () => WriterSnapshot | undefined, afterSave: () => void): void {
    if (this.saving || revision - this.lastRevision < BigInt(this.options.every)) return;
    const snapshot = capture();
    if (!snapshot) return;
    this.saving = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => this.snapshots.save(snapshot))
      .catch((error: unknown) => this.options.onProblem(`could not save the snapshot at revision ${snapshot.revision}`, error))
      .finally(() => {
        this.lastRevision = snapshot.revision;
        this.saving = null;
        afterSave();
      });
  }

  /** Resolves once no snapshot is being saved (shutdown, tests). */
  async settled(): Promise<void> {
    while (this.saving) await this.saving;
  }
}
