import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { CommandBodyDto } from '../commands/command-body.dto';
import { IsMoney } from '../validation/is-money.decorator';
import { IsDecimalString } from '../validation/is-decimal-string.decorator';

/** Any of the settings; naming none, or a ratio out of its range, is refused by the domain (INVALID_POLICY). */
export class ChangePolicyDto extends CommandBodyDto {
  @ApiPropertyOptional({ description: 'In (0, 1]', example: '0.15' })
  @IsOptional()
  @IsDecimalString()
  groupCapRatio?: string;

  @ApiPropertyOptional({ description: 'In (0, 1]', example: '0.10' })
  @IsOptional()
  @IsDecimalString()
  singleCustomerCapRatio?: string;

  @ApiPropertyOptional({ description: 'Total comprehensive limit above which a grant needs approval, in yuan', example: '66000000.00' })
  @IsOptional()
  @IsMoney()
  escalationThreshold?: string;

  @ApiPropertyOptional({ description: 'In [0, 1): equity above it is control', example: '0.5' })
  @IsOptional()
  @IsDecimalString()
  equityControlThreshold?: string;
}
