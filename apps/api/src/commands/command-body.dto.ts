import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsBusinessDate } from '../validation/is-business-date.decorator';

/** Every command body may say when it takes effect; today when omitted, never in the future. */
export class CommandBodyDto {
  @ApiPropertyOptional({ description: 'Business date the command takes effect (default today; a future date is refused)', example: '2025-03-31' })
  @IsOptional()
  @IsBusinessDate()
  effectiveDate?: string;
}
