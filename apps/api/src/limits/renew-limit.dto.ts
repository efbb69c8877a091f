import { ApiProperty } from '@nestjs/swagger';
import { CommandBodyDto } from '../commands/command-body.dto';
import { IsBusinessDate } from '../validation/is-business-date.decorator';
import { IsMoney } from '../validation/is-money.decorator';

export class RenewLimitDto extends CommandBodyDto {
  @ApiProperty({ description: 'The renewed comprehensive limit in yuan', example: '60000000.00' })
  @IsMoney()
  amount!: string;

  @ApiProperty({ example: '2026-12-31' })
  @IsBusinessDate()
  validTo!: string;
}
