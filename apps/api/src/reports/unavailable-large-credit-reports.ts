import type { LargeCreditReports } from '@groupcap/projections';
import { ProblemException } from '../problems/problem-details';

function unavailable(): never {
  throw new ProblemException('READ_SIDE_UNAVAILABLE', 'this server keeps no read models (SERVER_ROLE=writer); ask a reader for reports');
}

/** Stands in for the reports where the read models are not BookProjection (a writer, or a fake): every call is 503. */
export const unavailableLargeCreditReports: LargeCreditReports = {
  largeCreditReport: unavailable,
  largeCreditReportForFiling: unavailable,
};
