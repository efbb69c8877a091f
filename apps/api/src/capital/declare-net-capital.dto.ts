import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { CommandBodyDto } from '../commands/command-body.dto';
import { IsBusinessDate } from '../validation/is-business-date.decorator';
import { IsMoney } from '../validation/is-money.decorator';

export class DeclareNetCapitalDto extends CommandBodyDto {
  @ApiProperty({ description: 'The figure is the base of every cap from this business date on', example: '2024-12-31' })
  @IsBusinessDate()
  asOf!: string;

  @ApiProperty({ description: 'Regulatory net capital in yuan', example: '1000000000.00' })
  @IsMoney()
  netCapital!: string;

  @ApiPropertyOptional({
    description: 'Tier-1 net capital in yuan, the base of the 2018 large-exposure caps; at most netCapital. Without it the 2018 caps are not checked while this declaration is in force',
    example: '800000000.00',
  })
  @IsOptional()
  @IsMoney()
  tier1NetCapital?: string;
}
