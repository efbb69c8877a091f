import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { CommandBodyDto } from '../commands/command-body.dto';
import { IsMoney } from '../validation/is-money.decorator';
import { IsRatio } from '../validation/is-ratio.decorator';

/** Any of the settings; naming none is refused by the domain (INVALID_POLICY). */
export class ChangePolicyDto extends CommandBodyDto {
  @ApiPropertyOptional({ example: '0.15' })
  @IsOptional()
  @IsRatio()
  groupCapRatio?: string;

  @ApiPropertyOptional({ example: '0.10' })
  @IsOptional()
  @IsRatio()
  singleCustomerCapRatio?: string;

  @ApiPropertyOptional({ description: 'Total comprehensive limit above which a grant needs approval, in yuan', example: '66000000.00' })
  @IsOptional()
  @IsMoney()
  escalationThreshold?: string;

  @ApiPropertyOptional({ example: '0.5' })
  @IsOptional()
  @IsRatio()
  equityControlThreshold?: string;
}
