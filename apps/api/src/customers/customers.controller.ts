import { Body, Controller, Get, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { READ_MODELS, ReadModels } from '@groupcap/projections';
import { Roles } from '../auth/roles.decorator';
import type { CommandEnvelope } from '../commands/command-envelope';
import { Envelope } from '../commands/command-envelope.decorator';
import { CommandGateway } from '../commands/command-gateway.service';
import { CommandResponse } from '../commands/command-response';
import { withoutUndefined } from '../commands/without-undefined';
import { ApiProblems } from '../docs/api-problems.decorator';
import type { HttpResponse } from '../http/http-types';
import { ProblemException } from '../problems/problem-details';
import { ReadConsistency } from '../reads/read-consistency.service';
import { PositionQuery } from '../reads/position.query';
import { ReadQuery } from '../reads/read.query';
import { CustomerIdParams } from './customer-id.params';
import { RegisterCustomerDto } from './register-customer.dto';

@ApiTags('customers')
@ApiBearerAuth()
@Controller('api/v1/customers')
export class CustomersController {
  constructor(
    private readonly commands: CommandGateway,
    private readonly consistency: ReadConsistency,
    @Inject(READ_MODELS) private readonly readModels: ReadModels,
  ) {}

  @Post()
  @Roles('officer')
  @ApiOperation({ summary: 'Register a customer' })
  @ApiCreatedResponse({ type: CommandResponse })
  @ApiProblems(400, 409)
  register(@Body() body: RegisterCustomerDto, @Envelope() envelope: CommandEnvelope, @Res({ passthrough: true }) res: HttpResponse) {
    const { customerId, name, kind, creditCode } = body;
    return this.commands.submit(withoutUndefined({ type: 'RegisterCustomer', customerId, name, kind, creditCode }), body.effectiveDate, envelope, res);
  }

  @Get(':id')
  @Roles('officer', 'risk')
  @ApiOperation({ summary: 'A customer with its group, limits, comprehensive limit, outstanding and exposure' })
  @ApiProblems(400, 404, 503)
  async customer(@Param() params: CustomerIdParams, @Query() query: ReadQuery) {
    await this.consistency.awaitPosition(query.minPosition);
    return this.readModels.customer(params.id, query.asOf) ?? notFound(params.id);
  }

  @Get(':id/history')
  @Roles('risk')
  @ApiOperation({ summary: 'Every event that touched the customer, in log order' })
  @ApiProblems(400, 404, 503)
  async history(@Param() params: CustomerIdParams, @Query() query: PositionQuery) {
    await this.consistency.awaitPosition(query.minPosition);
    if (!this.readModels.customer(params.id)) notFound(params.id);
    return { customerId: params.id, items: await this.readModels.customerHistory(params.id) };
  }
}

function notFound(customerId: string): never {
  throw new ProblemException('CUSTOMER_NOT_FOUND', `customer ${customerId} is not registered`, { customerId });
}
