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

  @ApiPropertyOptional({
    description:
      'Only rows whose comprehensive limit reaches it, in the unit asked for (at most 2 decimals): threshold=5000 with unit=wan is ' +
      "5,000 wan = 50,000,000.00 yuan. The report's netCapital stays in yuan whatever the unit.",
    example: '100000000.00',
  })
  @IsOptional()
  @IsMoney({ message: 'threshold must be a decimal string with at most 2 decimals, in the report unit, such as "5000" (no sign, exponent or separators)' })
  threshold?: string;

  @ApiPropertyOptional({
    enum: REPORT_UNITS,
    default: 'yuan',
    description: 'Unit of every amount in the rows and of threshold: wan = 10,000 yuan, as in the regulator forms (6 decimals, exact)',
  })
  @IsOptional()
  @IsIn(REPORT_UNITS)
  unit?: ReportUnit;
}
