import type { G14Reports } from '@groupcap/projections';
import { ProblemException } from '../problems/problem-details';

function unavailable(): never {
  throw new ProblemException('READ_SIDE_UNAVAILABLE', 'this server keeps no read models (SERVER_ROLE=writer); ask a reader for reports');
}

/** Stands in for the G14 report where the read models are not BookProjection (a writer, or a fake): every call is 503. */
export const unavailableG14Reports: G14Reports = {
  largeExposureReport: unavailable,
  largeExposureReportForFiling: unavailable,
};
