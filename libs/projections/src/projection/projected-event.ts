import { BookEvent, isBookEventType, upcast } from '@groupcap/domain';
import { RecordedEvent } from '@groupcap/event-store';
import { ReportRow } from '../large-credit.port';

export const REPORT_FILED = 'LargeCreditReportFiled';

/**
 * A filed report frozen in the log (api.md, POST /reports/large-credit/filings). Declared here until the
 * domain's event union carries it; the union below then simply holds the same shape twice.
 */
export type LargeCreditReportFiledEvent = {
  type: typeof REPORT_FILED;
  data: { asOf: string; netCapital: string | null; rows: ReportRow[] };
};

export type ProjectedEvent = BookEvent | LargeCreditReportFiledEvent;

/** Today's shape of a stored book event; an event this build cannot read stops the projection (it would project wrong figures). */
export function decodeEvent(recorded: RecordedEvent): ProjectedEvent {
  if (recorded.type === REPORT_FILED && !isBookEventType(recorded.type)) {
    return { type: REPORT_FILED, data: recorded.data as LargeCreditReportFiledEvent['data'] };
  }
  return upcast(recorded.type, recorded.version, recorded.data);
}
