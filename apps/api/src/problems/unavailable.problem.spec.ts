import { StoreUnavailableError } from '@groupcap/event-store';
import { ReadSideStoppedError } from '@groupcap/projections';
import { WriterUnavailableError } from '@groupcap/writer';
import { unavailableProblem } from './unavailable.problem';

describe('unavailable problem', () => {
  it('makes a writer that has not caught up, or cannot write, a retryable 503', () => {
    const problem = unavailableProblem(new WriterUnavailableError('the writer has not finished catching up with the log'));
    expect([problem?.code, problem?.status]).toEqual(['WRITER_UNAVAILABLE', 503]);
  });

  it('makes an unreachable store a 503 without its internals', () => {
    const problem = unavailableProblem(new StoreUnavailableError('connect ECONNREFUSED 10.0.0.7:2113'));
    expect([problem?.code, problem?.status]).toEqual(['STORE_UNAVAILABLE', 503]);
    expect(problem?.detail).not.toContain('10.0.0.7');
  });

  it('makes a read answered while the read models stopped a retryable 503', () => {
    const problem = unavailableProblem(new ReadSideStoppedError());
    expect([problem?.code, problem?.status, problem?.detail]).toEqual(['READ_SIDE_UNAVAILABLE', 503, 'the read models stopped while this ask was being answered; retry shortly']);
  });

  it('leaves any other error alone', () => {
    expect(unavailableProblem(new Error('boom'))).toBeUndefined();
  });
});
