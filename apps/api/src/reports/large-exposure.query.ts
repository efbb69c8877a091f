import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { REPORT_UNITS, ReportUnit } from '@groupcap/projections';
import { ReadQuery } from '../reads/read.query';
import { REPORT_FORMATS, ReportFormat } from './large-credit.query';

export class LargeExposureQuery extends ReadQuery {
  @ApiPropertyOptional({ enum: REPORT_FORMATS, default: 'json' })
  @IsOptional()
  @IsIn(REPORT_FORMATS)
  format?: ReportFormat;

  @ApiPropertyOptional({
    enum: REPORT_UNITS,
    default: 'wan',
    description: 'Unit of every amount: wan (万元, 2 decimals rounded half up) as on the G14 form, or yuan, exact',
  })
  @IsOptional()
  @IsIn(REPORT_UNITS)
  unit?: ReportUnit;
}
