import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, MaxLength } from 'class-validator';
import { CUSTOMER_KINDS, CustomerKind } from '@groupcap/domain';
import { CommandBodyDto } from '../commands/command-body.dto';
import { IsEntityId } from '../validation/is-entity-id.decorator';

export class RegisterCustomerDto extends CommandBodyDto {
  @ApiProperty({ example: 'C-001', pattern: '^[A-Za-z0-9._:-]{1,64}$' })
  @IsEntityId()
  customerId!: string;

  @ApiProperty({ example: 'Huaxin Holdings Co., Ltd.' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ enum: CUSTOMER_KINDS })
  @IsIn([...CUSTOMER_KINDS])
  kind!: CustomerKind;

  @ApiPropertyOptional({ description: 'Unified social credit code (GB 32100); its check digit is verified', example: '91350100M000100Y43' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  creditCode?: string;
}
