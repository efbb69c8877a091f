import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { Product, PRODUCTS } from '@groupcap/domain';
import { CommandBodyDto } from '../commands/command-body.dto';
import { IsEntityId } from '../validation/is-entity-id.decorator';
import { IsMoney } from '../validation/is-money.decorator';

export class BookDrawdownDto extends CommandBodyDto {
  @ApiProperty({ example: 'D-001' })
  @IsEntityId()
  drawdownId!: string;

  @ApiProperty({ description: 'Nominal amount in yuan', example: '10000000.00' })
  @IsMoney()
  amount!: string;

  @ApiProperty({ enum: PRODUCTS })
  @IsIn([...PRODUCTS])
  product!: Product;

  @ApiPropertyOptional({ description: 'Cash margin, pledged deposit certificates or treasury bonds held against it, in yuan', example: '2000000.00' })
  @IsOptional()
  @IsMoney()
  margin?: string;
}
