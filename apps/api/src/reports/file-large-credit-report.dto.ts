import { ApiProperty } from '@nestjs/swagger';
import { CommandBodyDto } from '../commands/command-body.dto';
import { IsBusinessDate } from '../validation/is-business-date.decorator';

export class FileLargeCreditReportDto extends CommandBodyDto {
  @ApiProperty({ description: 'The report date to freeze (normally a quarter end); each date is filed once', example: '2025-03-31' })
  @IsBusinessDate()
  asOf!: string;
}
