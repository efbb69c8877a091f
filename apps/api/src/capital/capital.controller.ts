import { Body, Controller, Put, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/roles.decorator';
import type { CommandEnvelope } from '../commands/command-envelope';
import { Envelope } from '../commands/command-envelope.decorator';
import { CommandGateway } from '../commands/command-gateway.service';
import type { HttpResponse } from '../http/http-types';
import { ApiCommand } from '../docs/api-command.decorator';
import { DeclareNetCapitalDto } from './declare-net-capital.dto';

@ApiTags('capital and policy')
@ApiBearerAuth()
@Controller('api/v1/capital')
export class CapitalController {
  constructor(private readonly commands: CommandGateway) {}

  @Put()
  @Roles('admin')
  @ApiOperation({ summary: 'Declare the bank net capital, the base of every cap' })
  @ApiCommand()
  declare(@Body() body: DeclareNetCapitalDto, @Envelope() envelope: CommandEnvelope, @Res({ passthrough: true }) res: HttpResponse) {
    return this.commands.submit({ type: 'DeclareNetCapital', asOf: body.asOf, netCapital: body.netCapital }, body.effectiveDate, envelope, res);
  }
}
