import { CapitalEvent } from '../capital/capital.events';
import { CustomerEvent } from '../customers/customer.events';
import { RelationEvent } from '../relations/relation.events';
import { LimitEvent } from '../limits/limit.events';
import { DrawdownEvent } from '../drawdowns/drawdown.events';
import { CapEvent } from '../caps/cap.events';
import { ReportEvent } from '../reports/report.events';
import { LargeExposureReportEvent } from '../large-exposures/large-exposure.filing';
import { GroupLimitEvent } from '../group-limits/group-limit.events';

/** Every fact the credit book records. The store adds metadata (actor, dates, ids) around it. */
export type BookEvent = CapitalEvent | CustomerEvent | RelationEvent | LimitEvent | DrawdownEvent | CapEvent | ReportEvent | LargeExposureReportEvent | GroupLimitEvent;
export type BookEventType = BookEvent['type'];

/** The current schema version of each event type; older versions are upcast on read. */
export const EVENT_VERSIONS: Readonly<Record<BookEventType, number>> = {
  NetCapitalDeclared: 1,
  PolicyChanged: 2, // v2: the 2018 regime's settings
  CustomerRegistered: 1,
  RelationRecorded: 1,
  RelationRemoved: 1,
  GroupFormed: 1,
  GroupsMerged: 1,
  GroupSplit: 1,
  GroupMemberJoined: 1,
  GroupMemberLeft: 1,
  GroupDissolved: 1,
  LimitGranted: 1,
  LimitRequested: 1,
  LimitRenewed: 1,
  LimitRenewalRequested: 1,
  LimitApproved: 1,
  LimitRejected: 1,
  LimitCancelled: 1,
  DrawdownBooked: 1,
  RepaymentBooked: 1,
  CapBreached: 2, // v2: `regime`
  CapBreachCured: 2,
  LargeCreditReportFiled: 1,
  LargeExposureReportFiled: 1,
  // Group unified credit (group-limits/).
  GroupLimitRequested: 1,
  GroupLimitApproved: 1,
  GroupLimitRejected: 1,
  GroupLimitRenewalRequested: 1,
  GroupLimitCancelled: 1,
  GroupLimitReallocated: 1,
};

/** The book is one consistency boundary (architecture.md): all its events go to this stream. */
export const BOOK_STREAM = 'groupcap-book';
