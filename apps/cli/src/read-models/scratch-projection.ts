import { BookProjection } from '@groupcap/projections';
import { EventStore, RecordedEvent } from '@groupcap/event-store';
import { BoundedLog } from '../log/bounded-log';

export interface ScratchOptions {
  /** Where read-models.db is built; undefined: in memory. */
  dataDir?: string;
  today: () => string;
  /** Last log position projected; undefined: the whole log. */
  toPosition?: bigint;
  onEvent?: (event: RecordedEvent) => void;
}

/**
 * A projection built from position zero of the log, up to `toPosition`, by the same code as the live read
 * side. The caller stops it (which closes its database).
 */
export async function projectLog(store: EventStore, options: ScratchOptions): Promise<BookProjection> {
  let failure: unknown;
  const projection = new BookProjection(new BoundedLog(store, { toPosition: options.toPosition, onEvent: options.onEvent }), {
    dataDir: options.dataDir,
    today: options.today,
    onError: (error) => {
      failure = error;
    },
  });
  try {
    await projection.start();
  } catch (error) {
    await projection.stop();
    throw failure ?? error;
  }
  return projection;
}
