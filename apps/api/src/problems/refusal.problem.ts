import { Refusal } from '@groupcap/domain';
import { ProblemException } from './problem-details';

/** A domain refusal as an HTTP problem: its message is the detail, its figures are extension members. */
export function refusalProblem(refusal: Refusal): ProblemException {
  return new ProblemException(refusal.code, refusal.message, { ...(refusal.details ?? {}) });
}
