import { Injectable, Logger } from '@nestjs/common';
import type { Principal } from '../auth/principal';
import { auditLine } from '../audit/audit-line';

export interface ReportRead {
  report: string;
  asOf: string;
  format: string;
  unit: string;
  threshold: string | null;
  rows: number;
}

/**
 * domain.md section 7: every read of customer-level data by a person is itself auditable. One structured
 * line per read (who, what, when) on the "audit" logger, which operations ship with the other logs.
 */
@Injectable()
export class ReportAudit {
  private readonly logger = new Logger('audit');

  read(principal: Principal | undefined, what: ReportRead, at: Date = new Date()): void {
    this.logger.log(auditLine('report-read', principal, { ...what }, at));
  }
}
