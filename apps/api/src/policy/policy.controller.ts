import { Body, Controller, Put, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ChangePolicy } from '@groupcap/domain';
import { Roles } from '../auth/roles.decorator';
import type { CommandEnvelope } from '../commands/command-envelope';
import { Envelope } from '../commands/command-envelope.decorator';
import { CommandGateway } from '../commands/command-gateway.service';
import { withoutUndefined } from '../commands/without-undefined';
import type { HttpResponse } from '../http/http-types';
import { ApiCommand } from '../docs/api-command.decorator';
import { ChangePolicyDto } from './change-policy.dto';

@ApiTags('capital and policy')
@ApiBearerAuth()
@Controller('api/v1/policy')
export class PolicyController {
  constructor(private readonly commands: CommandGateway) {}

  @Put()
  @Roles('admin')
  @ApiOperation({ summary: 'Change one or more policy settings' })
  @ApiCommand()
  change(@Body() body: ChangePolicyDto, @Envelope() envelope: CommandEnvelope, @Res({ passthrough: true }) res: HttpResponse) {
    const { effectiveDate, ...settings } = body;
    const command: ChangePolicy = withoutUndefined({ type: 'ChangePolicy', ...settings });
    return this.commands.submit(command, effectiveDate, envelope, res);
  }
}
