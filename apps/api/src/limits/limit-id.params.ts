import { ApiProperty } from '@nestjs/swagger';
import { IsEntityId } from '../validation/is-entity-id.decorator';

export class LimitIdParams {
  @ApiProperty({ example: 'L-001' })
  @IsEntityId()
  limitId!: string;
}
