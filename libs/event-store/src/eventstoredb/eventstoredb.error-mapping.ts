import {
  CancelledError,
  DeadlineExceededError,
  MaxAppendSizeExceededError,
  NotLeaderError,
  StreamNotFoundError as ClientStreamNotFoundError,
  TimeoutError,
  UnavailableError,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import { ExpectedRevision } from '../event-store.port';
import {
  AppendTooLargeError,
  StoreUnavailableError,
  StreamNotFoundError,
  WrongExpectedRevisionError,
} from '../event-store.errors';

/** gRPC codes that mean "not now" rather than "no": CANCELLED (by the server), DEADLINE_EXCEEDED, ABORTED, UNAVAILABLE. */
const TRANSIENT_GRPC_CODES = new Set([1, 4, 10, 14]);

export interface ErrorContext {
  streamId?: string;
  expected?: ExpectedRevision;
  /** Size of the append that failed, for AppendTooLargeError. */
  bytes?: number;
}

/** The client's errors in the port's terms; anything unrecognised is returned unchanged. */
export function toStoreError(error: unknown, context: ErrorContext = {}): unknown {
  if (error instanceof WrongExpectedVersionError) {
    return new WrongExpectedRevisionError(context.streamId ?? error.streamName, context.expected ?? 'any', error.actualVersion);
  }
  if (error instanceof ClientStreamNotFoundError) return new StreamNotFoundError(context.streamId ?? error.streamName);
  if (error instanceof MaxAppendSizeExceededError) return new AppendTooLargeError(context.bytes ?? 0, error.maxAppendSize);
  if (isTransient(error)) {
    const message = error instanceof Error ? error.message : String(error);
    return new StoreUnavailableError(`EventStoreDB is unavailable: ${message}`, error);
  }
  return error;
}

/** Worth retrying: the connection dropped, the leader changed, or the server timed out. */
export function isTransient(error: unknown): boolean {
  if (
    error instanceof UnavailableError ||
    error instanceof NotLeaderError ||
    error instanceof CancelledError ||
    error instanceof DeadlineExceededError ||
    error instanceof TimeoutError
  ) {
    return true;
  }
  // After a server shutdown some failures arrive as raw gRPC errors: a code, no `type`.
  const { code, details } = typeof error === 'object' && error !== null ? (error as { code?: unknown; details?: unknown }) : {};
  // Our own cancellation (unsubscribe, leaving a read early) is not the server going away.
  const cancelledHere = code === 1 && details === 'Cancelled on client';
  return typeof code === 'number' && TRANSIENT_GRPC_CODES.has(code) && !cancelledHere;
}
