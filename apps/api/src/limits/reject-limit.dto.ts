import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { CommandBodyDto } from '../commands/command-body.dto';

export class RejectLimitDto extends CommandBodyDto {
  @ApiProperty({ example: 'group exposure to real estate too concentrated' })
  @IsString()
  @Length(1, 1000)
  reason!: string;
}
