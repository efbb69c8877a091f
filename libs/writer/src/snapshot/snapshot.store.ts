import { BookState } from '@groupcap/domain';
import { RememberedCommand } from '../idempotency-index';

/** The writer's state after the event at `revision` of `streamId`, with what it needs to resume from there. */
export interface WriterSnapshot {
  streamId: string;
  /** Revision of the last event applied to `state`. */
  revision: bigint;
  /** Global position of that event. */
  position: bigint;
  /** Id of that event: on restore it must still be the event at `revision`, or the snapshot is of another log. */
  lastEventId: string;
  state: BookState;
  /**
   * A business date on which a review of every subject would record nothing for `state`, when the writer knows one:
   * it wrote that day's review and decided every command since on that day (BookWriter's reviewBasis).
   */
  reviewedOn?: string;
  /** Idempotency keys seen so far, so a repeated key is answered the same way after a restart. */
  idempotency: ReadonlyArray<readonly [key: string, command: RememberedCommand]>;
}

/** Where the writer keeps snapshots. `load` answers the newest readable one, never one it cannot trust. */
export interface SnapshotStore {
  load(streamId: string): Promise<WriterSnapshot | undefined>;
  /**
   * Saves durably. `between`, when given, is awaited between two slices of the work done on the caller's thread (the
   * writer's: it resolves once no command waits), so that a whole book is encoded while commands are decided.
   */
  save(snapshot: WriterSnapshot, between?: () => Promise<void>): Promise<void>;
}
