import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { READ_MODELS, ReadModels } from '@groupcap/projections';
import { Roles } from '../auth/roles.decorator';
import { ApiCodes, READ_CODES } from '../docs/api-problems.decorator';
import { ReadConsistency } from '../reads/read-consistency.service';
import { ReadQuery } from '../reads/read.query';
import { BreachListSchema } from './breach.schema';

@ApiTags('breaches')
@ApiBearerAuth()
@Controller('api/v1/breaches')
export class BreachesController {
  constructor(
    private readonly consistency: ReadConsistency,
    @Inject(READ_MODELS) private readonly readModels: ReadModels,
  ) {}

  @Get()
  @Roles('officer', 'risk', 'regulator')
  @ApiOperation({ summary: 'Subjects over a cap of either regime: cbrc-2010 groups and standalone customers (limit or exposure), nfra-2018 clients and connected groups (the 2018 bases)' })
  @ApiOkResponse({ type: BreachListSchema })
  @ApiCodes(...READ_CODES)
  async list(@Query() query: ReadQuery) {
    await this.consistency.awaitPosition(query.minPosition);
    return { items: this.readModels.breaches(query.asOf) };
  }
}
