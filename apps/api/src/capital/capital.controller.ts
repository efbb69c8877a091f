import { Body, Controller, Get, Inject, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { READ_MODELS, ReadModels } from '@groupcap/projections';
import { ApiCodes, READ_CODES } from '../docs/api-problems.decorator';
import { ReadConsistency } from '../reads/read-consistency.service';
import { ReadQuery } from '../reads/read.query';
import { CapitalSchema } from './capital.schema';
import { Roles } from '../auth/roles.decorator';
import type { CommandEnvelope } from '../commands/command-envelope';
import { Envelope } from '../commands/command-envelope.decorator';
import { CommandGateway } from '../commands/command-gateway.service';
import type { HttpResponse } from '../http/http-types';
import { ApiCommand } from '../docs/api-command.decorator';
import { DeclareNetCapitalDto } from './declare-net-capital.dto';
import { DeclareNetCapital } from '@groupcap/domain';
import { withoutUndefined } from '../commands/without-undefined';

@ApiTags('capital and policy')
@ApiBearerAuth()
@Controller('api/v1/capital')
export class CapitalController {
  constructor(
    private readonly commands: CommandGateway,
    private readonly consistency: ReadConsistency,
    @Inject(READ_MODELS) private readonly readModels: ReadModels,
  ) {}

  @Get()
  @Roles('admin', 'officer', 'risk')
  @ApiOperation({
    summary: 'The net capital declaration in force on a date, and every declaration',
    description: 'Roles: admin, officer, risk. A declaration applies from its own `asOf`; the one in force is the last dated on or before the read\'s `asOf`.',
  })
  @ApiOkResponse({ type: CapitalSchema })
  @ApiCodes(...READ_CODES)
  async capital(@Query() query: ReadQuery) {
    await this.consistency.awaitPosition(query.minPosition);
    return this.readModels.capital(query.asOf);
  }

  @Put()
  @Roles('admin')
  @ApiOperation({ summary: 'Declare the bank net capital (and tier-1 net capital), the base of every cap', description: 'Role: admin. `tier1NetCapital` is the base of the 2018 large-exposure caps.' })
  @ApiCommand({ codes: ['INVALID_AMOUNT', 'VALIDATION_FAILED'] })
  declare(@Body() body: DeclareNetCapitalDto, @Envelope() envelope: CommandEnvelope, @Res({ passthrough: true }) res: HttpResponse) {
    const command: DeclareNetCapital = withoutUndefined({ type: 'DeclareNetCapital', asOf: body.asOf, netCapital: body.netCapital, tier1NetCapital: body.tier1NetCapital });
    return this.commands.submit(command, body.effectiveDate, envelope, res);
  }
}
