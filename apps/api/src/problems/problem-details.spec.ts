import { refuse } from '@groupcap/domain';
import { problemTitle, problemTypeUri, ProblemException } from './problem-details';
import { refusalProblem } from './refusal.problem';

describe('problem details', () => {
  it('names the problem type as a URI built from the code', () => {
    expect(problemTypeUri('GROUP_CAP_EXCEEDED')).toBe('https://groupcap.dev/problems/group-cap-exceeded');
    expect(problemTitle('GROUP_CAP_EXCEEDED')).toBe('Group cap exceeded');
  });

  it('renders a refusal with its status, message and figures', () => {
    const refusal = refuse('GROUP_CAP_EXCEEDED', 'the group would exceed its cap', { cap: '150000000.00', current: '140000000.00', requested: '20000000.00' });
    expect(refusalProblem(refusal).toProblem('/api/v1/limits')).toEqual({
      type: 'https://groupcap.dev/problems/group-cap-exceeded',
      title: 'Group cap exceeded',
      status: 422,
      code: 'GROUP_CAP_EXCEEDED',
      detail: 'the group would exceed its cap',
      instance: '/api/v1/limits',
      cap: '150000000.00',
      current: '140000000.00',
      requested: '20000000.00',
    });
  });

  it('keeps a figure that shares a name with a problem member under a prefixed name', () => {
    const problem = refusalProblem(refuse('NOT_PENDING', 'limit L1 has no request awaiting approval', { limitId: 'L1', status: 'active' })).toProblem('/x');
    expect(problem.status).toBe(409);
    expect(problem.refusalStatus).toBe('active');
    expect(problem.limitId).toBe('L1');
  });

  it('renders a refusal without figures', () => {
    const problem = new ProblemException('NET_CAPITAL_NOT_DECLARED', 'no net capital').toProblem('/api/v1/limits');
    expect(Object.keys(problem).sort()).toEqual(['code', 'detail', 'instance', 'status', 'title', 'type']);
    expect(problem.status).toBe(422);
  });
});
