import { ApiProperty } from '@nestjs/swagger';
import { IsEntityId } from '../validation/is-entity-id.decorator';

export class DrawdownIdParams {
  @ApiProperty({ example: 'D-001' })
  @IsEntityId()
  drawdownId!: string;
}
