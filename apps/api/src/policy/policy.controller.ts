import { Body, Controller, Get, Inject, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { READ_MODELS, ReadModels } from '@groupcap/projections';
import { ApiCodes, READ_CODES } from '../docs/api-problems.decorator';
import { ReadConsistency } from '../reads/read-consistency.service';
import { ReadQuery } from '../reads/read.query';
import { PolicySchema } from './policy.schema';
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
  constructor(
    private readonly commands: CommandGateway,
    private readonly consistency: ReadConsistency,
    @Inject(READ_MODELS) private readonly readModels: ReadModels,
  ) {}

  @Get()
  @Roles('admin', 'officer', 'approver', 'risk')
  @ApiOperation({ summary: 'The policy in force on a date', description: 'Roles: admin, officer, approver, risk. The defaults, then every change effective on or before `asOf`.' })
  @ApiOkResponse({ type: PolicySchema })
  @ApiCodes(...READ_CODES)
  async policy(@Query() query: ReadQuery) {
    await this.consistency.awaitPosition(query.minPosition);
    return this.readModels.policy(query.asOf);
  }

  @Put()
  @Roles('admin')
  @ApiOperation({ summary: 'Change one or more policy settings', description: 'Role: admin. Only the settings named, from the effective date on.' })
  @ApiCommand({ codes: ['INVALID_POLICY'] })
  change(@Body() body: ChangePolicyDto, @Envelope() envelope: CommandEnvelope, @Res({ passthrough: true }) res: HttpResponse) {
    const { effectiveDate, ...settings } = body;
    const command: ChangePolicy = withoutUndefined({ type: 'ChangePolicy', ...settings });
    return this.commands.submit(command, effectiveDate, envelope, res);
  }
}
