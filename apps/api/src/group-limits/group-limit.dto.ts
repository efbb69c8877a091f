import { ApiProperty } from '@nestjs/swagger';
import { CommandBodyDto } from '../commands/command-body.dto';
import { IsBusinessDate } from '../validation/is-business-date.decorator';
import { IsEntityId } from '../validation/is-entity-id.decorator';
import { IsMoney } from '../validation/is-money.decorator';

export class GroupLimitIdParams {
  @ApiProperty({ example: 'GL-001' })
  @IsEntityId()
  groupLimitId!: string;
}

/** POST /groups/{groupId}/limits: always a request, decided by head office (an approver). */
export class RequestGroupLimitDto extends CommandBodyDto {
  @ApiProperty({ example: 'GL-001' })
  @IsEntityId()
  groupLimitId!: string;

  @ApiProperty({ description: 'The overall comprehensive limit of the group in yuan', example: '100000000.00' })
  @IsMoney()
  amount!: string;

  @ApiProperty({ example: '2025-01-01' })
  @IsBusinessDate()
  validFrom!: string;

  @ApiProperty({ example: '2025-12-31' })
  @IsBusinessDate()
  validTo!: string;
}

/** 额度调剂: moves unused room from one member limit to another under the same group limit. */
export class ReallocateGroupLimitDto extends CommandBodyDto {
  @ApiProperty({ description: 'The member limit that gives room (it keeps at least what it has outstanding)', example: 'L-001' })
  @IsEntityId()
  fromLimitId!: string;

  @ApiProperty({ description: 'The member limit that receives it', example: 'L-002' })
  @IsEntityId()
  toLimitId!: string;

  @ApiProperty({ description: 'Amount moved, in yuan', example: '10000000.00' })
  @IsMoney()
  amount!: string;
}
