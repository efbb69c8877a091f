import { ApiProperty } from '@nestjs/swagger';
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
}
