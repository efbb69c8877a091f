import { ApiProperty } from '@nestjs/swagger';
import { IsEntityId } from '../validation/is-entity-id.decorator';

export class GroupIdParams {
  @ApiProperty({ example: 'G-C-001' })
  @IsEntityId()
  groupId!: string;
}
