import { DeclareNetCapital, ChangePolicy } from '../capital/capital.commands';
import { RegisterCustomer } from '../customers/customer.commands';
import { RecordRelation, RemoveRelation } from '../relations/relation.commands';
import { GrantLimit, ApproveLimit, RejectLimit, RenewLimit, CancelLimit } from '../limits/limit.commands';
import { BookDrawdown, BookRepayment } from '../drawdowns/drawdown.commands';
import { BusinessDate } from '../shared/business-date';
import { FileLargeCreditReport } from '../reports/report.commands';
import { ReviewCaps } from '../caps/cap.events';
import { GroupLimitCommand } from '../group-limits/group-limit.commands';
import { FileLargeExposureReport } from '../large-exposures/large-exposure.filing';

export type BookCommand =
  | DeclareNetCapital
  | ChangePolicy
  | RegisterCustomer
  | RecordRelation
  | RemoveRelation
  | GrantLimit
  | ApproveLimit
  | RejectLimit
  | RenewLimit
  | CancelLimit
  | BookDrawdown
  | BookRepayment
  | FileLargeCreditReport
  | FileLargeExposureReport
  | ReviewCaps
  | GroupLimitCommand;

export type Role = 'officer' | 'approver' | 'risk' | 'regulator' | 'admin';
export const ROLES: readonly Role[] = ['officer', 'approver', 'risk', 'regulator', 'admin'];

/** Everything decide() needs from outside: who, which business date, and what "today" is. */
export interface CommandContext {
  actor: { userId: string; roles: readonly Role[] };
  /** The business date the command takes effect (defaults to today at the edge). */
  effectiveDate: BusinessDate;
  /** Today's business date, to refuse future-dated commands. */
  today: BusinessDate;
}
