import { ApiProperty } from '@nestjs/swagger';
import { IsEntityId } from '../validation/is-entity-id.decorator';

export class CustomerIdParams {
  @ApiProperty({ example: 'C-001' })
  @IsEntityId()
  id!: string;
}
