import { FileLargeExposureReport } from '@groupcap/domain';
import { FilableG14Report } from '../large-exposure.port';

/** The command that freezes the G14 report of a date in the log; the domain refuses it without tier-1 net capital. */
export function fileLargeExposureReportCommand(report: FilableG14Report): FileLargeExposureReport {
  const { asOf, tier1NetCapital, largeExposureRatio, threshold, rows } = report;
  return { type: 'FileLargeExposureReport', asOf, report: { tier1NetCapital, largeExposureRatio, threshold, rows } };
}
