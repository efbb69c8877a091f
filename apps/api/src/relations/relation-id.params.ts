import { ApiProperty } from '@nestjs/swagger';
import { IsEntityId } from '../validation/is-entity-id.decorator';

export class RelationIdParams {
  @ApiProperty({ example: 'R-001' })
  @IsEntityId()
  relationId!: string;
}
