import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { RiskClass } from '@groupcap/domain';
import { CommandBodyDto } from '../commands/command-body.dto';
import { IsBusinessDate } from '../validation/is-business-date.decorator';
import { IsEntityId } from '../validation/is-entity-id.decorator';
import { IsMoney } from '../validation/is-money.decorator';
import { RISK_CLASSES } from './risk-classes';

export class GrantLimitDto extends CommandBodyDto {
  @ApiProperty({ example: 'L-001' })
  @IsEntityId()
  limitId!: string;

  @ApiProperty({ example: 'C-001' })
  @IsEntityId()
  customerId!: string;

  @ApiProperty({ description: 'Comprehensive limit in yuan', example: '50000000.00' })
  @IsMoney()
  amount!: string;

  @ApiProperty({ example: '2025-01-01' })
  @IsBusinessDate()
  validFrom!: string;

  @ApiProperty({ example: '2025-12-31' })
  @IsBusinessDate()
  validTo!: string;

  @ApiPropertyOptional({ enum: RISK_CLASSES, default: 'standard' })
  @IsOptional()
  @IsIn(RISK_CLASSES)
  riskClass?: RiskClass;

  @ApiPropertyOptional({ example: 'Shanghai Branch' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  branch?: string;

  @ApiPropertyOptional({ description: 'An allocation under this group limit (group unified credit): granted at once within its room', example: 'GL-001' })
  @IsOptional()
  @IsEntityId()
  groupLimitId?: string;
}
