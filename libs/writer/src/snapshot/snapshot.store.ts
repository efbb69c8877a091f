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
  /** Idempotency keys seen so far, so a repeated key is answered the same way after a restart. */
  idempotency: ReadonlyArray<readonly [key: string, command: RememberedCommand]>;
}

/** Where the writer keeps snapshots. `load` answers the newest readable one, never one it cannot trust. */
export interface SnapshotStore {
  load(streamId: string): Promise<WriterSnapshot | undefined>;
  save(snapshot: WriterSnapshot): Promise<void>;
}
