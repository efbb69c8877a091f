import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { RELATION_TYPES, RelationType } from '@groupcap/domain';
import { CommandBodyDto } from '../commands/command-body.dto';
import { IsEntityId } from '../validation/is-entity-id.decorator';
import { IsDecimalString } from '../validation/is-decimal-string.decorator';

export class RecordRelationDto extends CommandBodyDto {
  @ApiProperty({ example: 'R-001' })
  @IsEntityId()
  relationId!: string;

  @ApiProperty({ example: 'C-001' })
  @IsEntityId()
  from!: string;

  @ApiProperty({ example: 'C-002' })
  @IsEntityId()
  to!: string;

  @ApiProperty({ enum: RELATION_TYPES, description: 'See domain.md section 1' })
  @IsIn([...RELATION_TYPES])
  type!: RelationType;

  @ApiPropertyOptional({ description: 'Equity only: the share of voting capital, a decimal string in (0, 1] with at most 6 decimals (else INVALID_SHARE)', example: '0.6' })
  @IsOptional()
  @IsDecimalString()
  share?: string;
}
