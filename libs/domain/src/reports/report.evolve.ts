import { BookState } from '../book/book.state';
import { ReportEvent } from './report.events';

export function evolveReport(state: BookState, event: ReportEvent): BookState {
  return { ...state, filedReports: state.filedReports.add(event.data.asOf) };
}
