import { Body, Controller, Get, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { READ_MODELS, ReadModels } from '@groupcap/projections';
import { Roles } from '../auth/roles.decorator';
import type { CommandEnvelope } from '../commands/command-envelope';
import { Envelope } from '../commands/command-envelope.decorator';
import { CommandGateway } from '../commands/command-gateway.service';
import { withoutUndefined } from '../commands/without-undefined';
import { ApiCommand } from '../docs/api-command.decorator';
import { ApiCodes, LIST_CODES, READ_CODES } from '../docs/api-problems.decorator';
import type { HttpRequest, HttpResponse } from '../http/http-types';
import { ProblemException } from '../problems/problem-details';
import { ReadConsistency } from '../reads/read-consistency.service';
import { effectiveBy } from '../reads/effective-by';
import { ReadQuery } from '../reads/read.query';
import { assertMayRead } from '../reads/least-exposure';
import { pageSize } from '../reads/paged.query';
import { SearchCustomersQuery } from './search-customers.query';
import { CustomerHistorySchema, CustomerPageSchema, CustomerSchema } from './customer.schema';
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
  @ApiOperation({ summary: 'Register a customer', description: 'Role: officer.' })
  @ApiCommand({ codes: ['CUSTOMER_EXISTS', 'CREDIT_CODE_EXISTS', 'INVALID_CREDIT_CODE'] })
  register(@Body() body: RegisterCustomerDto, @Envelope() envelope: CommandEnvelope, @Res({ passthrough: true }) res: HttpResponse) {
    const { customerId, name, kind, creditCode } = body;
    return this.commands.submit(withoutUndefined({ type: 'RegisterCustomer', customerId, name, kind, creditCode }), body.effectiveDate, envelope, res);
  }

  @Get()
  @Roles('officer', 'risk')
  @ApiOperation({
    summary: 'Find customers by id, name or unified social credit code, a page at a time',
    description:
      'Roles: officer, risk. Customers registered by `asOf` whose id, name or credit code contains `q` (case-insensitive; ' +
      'no `q`: every customer), by customer id. Pass the `next` of a page as `cursor` for the one after it.',
  })
  @ApiOkResponse({ type: CustomerPageSchema })
  @ApiCodes(...LIST_CODES)
  async search(@Query() query: SearchCustomersQuery) {
    await this.consistency.awaitPosition(query.minPosition);
    return this.readModels.customers({ q: query.q, cursor: query.cursor, limit: pageSize(query), asOf: query.asOf });
  }

  @Get(':id')
  @Roles('officer', 'approver', 'risk')
  @ApiOperation({
    summary: 'A customer with its group, limits, comprehensive limit, outstanding and exposure',
    description: 'Roles: officer, risk; an approver only while the customer has a grant or renewal awaiting their decision (403 FORBIDDEN otherwise).',
  })
  @ApiOkResponse({ type: CustomerSchema })
  @ApiCodes(...READ_CODES, 'CUSTOMER_NOT_FOUND')
  async customer(@Param() params: CustomerIdParams, @Query() query: ReadQuery, @Req() req: HttpRequest) {
    await this.consistency.awaitPosition(query.minPosition);
    assertMayRead(req.principal, this.readModels, { customerId: params.id });
    return this.readModels.customer(params.id, query.asOf) ?? notFound(params.id);
  }

  @Get(':id/history')
  @Roles('risk')
  @ApiOperation({
    summary: 'Every event that touched the customer, in log order',
    description: 'Role: risk. With `asOf`, only the events in effect by that business date (metadata.effectiveDate), back-dated ones included.',
  })
  @ApiOkResponse({ type: CustomerHistorySchema })
  @ApiCodes(...READ_CODES, 'CUSTOMER_NOT_FOUND')
  async history(@Param() params: CustomerIdParams, @Query() query: ReadQuery): Promise<CustomerHistorySchema> {
    await this.consistency.awaitPosition(query.minPosition);
    if (!this.readModels.customer(params.id)) notFound(params.id);
    const history = await this.readModels.customerHistory(params.id);
    return { customerId: params.id, items: history.filter(effectiveBy(query.asOf)) };
  }
}

function notFound(customerId: string): never {
  throw new ProblemException('CUSTOMER_NOT_FOUND', `customer ${customerId} is not registered`, { customerId });
}
