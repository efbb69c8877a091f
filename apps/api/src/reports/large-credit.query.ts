import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { REPORT_UNITS, ReportUnit } from '@groupcap/projections';
import { ReadQuery } from '../reads/read.query';
import { IsMoney } from '../validation/is-money.decorator';

export const REPORT_FORMATS = ['json', 'csv', 'xlsx'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export class LargeCreditQuery extends ReadQuery {
  @ApiPropertyOptional({ enum: REPORT_FORMATS, default: 'json' })
  @IsOptional()
  @IsIn(REPORT_FORMATS)
  format?: ReportFormat;

  @ApiPropertyOptional({ description: 'Yuan, whatever the unit: only rows whose comprehensive limit reaches it', example: '100000000.00' })
  @IsOptional()
  @IsMoney()
  threshold?: string;

  @ApiPropertyOptional({ enum: REPORT_UNITS, default: 'yuan', description: 'wan = 10,000 yuan, as in the regulator forms (6 decimals, exact)' })
  @IsOptional()
  @IsIn(REPORT_UNITS)
  unit?: ReportUnit;
}
