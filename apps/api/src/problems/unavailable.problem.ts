import { StoreUnavailableError } from '@groupcap/event-store';
import { ReadSideStoppedError } from '@groupcap/projections';
import { WriterUnavailableError } from '@groupcap/writer';
import { ProblemException } from './problem-details';

/** The store, the writer or the read side is down for now: a retryable 503, not a 500. */
export function unavailableProblem(error: unknown): ProblemException | undefined {
  if (error instanceof WriterUnavailableError) return new ProblemException('WRITER_UNAVAILABLE', `${error.message}; retry shortly`);
  if (error instanceof StoreUnavailableError) return new ProblemException('STORE_UNAVAILABLE', `the event store cannot be reached right now; retry shortly`);
  if (error instanceof ReadSideStoppedError) return new ProblemException('READ_SIDE_UNAVAILABLE', `${error.message}; retry shortly`);
  return undefined;
}
