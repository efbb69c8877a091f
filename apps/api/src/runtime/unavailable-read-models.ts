import type { ReadModels } from '@groupcap/projections';
import { ProblemException } from '../problems/problem-details';

function unavailable(): never {
  throw new ProblemException('READ_SIDE_UNAVAILABLE', 'this server is a writer (SERVER_ROLE=writer) and keeps no read models; read from a reader');
}

/** Stands in for the read models on a writer instance: every read is 503. */
export const unavailableReadModels: ReadModels = {
  position: unavailable,
  waitFor: unavailable,
  whenKept: unavailable,
  customer: unavailable,
  group: unavailable,
  groups: unavailable,
  groupsPage: unavailable,
  limits: unavailable,
  limit: unavailable,
  customers: unavailable,
  policy: unavailable,
  capital: unavailable,
  awaitsDecisionOf: unavailable,
  breaches: unavailable,
  groupLimit: unavailable,
  groupLimits: unavailable,
  customerHistory: unavailable,
};
