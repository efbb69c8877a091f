import { ApiProperty } from '@nestjs/swagger';
import { CommandBodyDto } from '../commands/command-body.dto';
import { IsMoney } from '../validation/is-money.decorator';

export class BookRepaymentDto extends CommandBodyDto {
  @ApiProperty({ example: '1000000.00' })
  @IsMoney()
  amount!: string;
}
