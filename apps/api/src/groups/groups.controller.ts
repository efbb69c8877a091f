import { Controller, Get, Inject, Param, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { READ_MODELS, ReadModels } from '@groupcap/projections';
import { Roles } from '../auth/roles.decorator';
import { ApiCodes, LIST_CODES, READ_CODES } from '../docs/api-problems.decorator';
import type { HttpRequest } from '../http/http-types';
import { ProblemException } from '../problems/problem-details';
import { assertMayRead } from '../reads/least-exposure';
import { pageSize } from '../reads/paged.query';
import { ReadConsistency } from '../reads/read-consistency.service';
import { ReadQuery } from '../reads/read.query';
import { GroupListSchema, GroupSchema } from './group.schema';
import { GroupIdParams } from './group-id.params';
import { ListGroupsQuery } from './list-groups.query';

@ApiTags('groups')
@ApiBearerAuth()
@Controller('api/v1/groups')
export class GroupsController {
  constructor(
    private readonly consistency: ReadConsistency,
    @Inject(READ_MODELS) private readonly readModels: ReadModels,
  ) {}

  @Get()
  @Roles('officer', 'risk')
  @ApiOperation({
    summary: 'Group clients, most used cap first by default, a page at a time',
    description: 'Roles: officer, risk. Pass the `next` of a page as `cursor` for the one after it (null on the last page).',
  })
  @ApiOkResponse({ type: GroupListSchema })
  @ApiCodes(...LIST_CODES)
  async list(@Query() query: ListGroupsQuery) {
    await this.consistency.awaitPosition(query.minPosition);
    await this.readModels.whenKept('groups', query.asOf);
    return this.readModels.groupsPage({ sort: query.sort ?? 'capUtilization', limit: pageSize(query), asOf: query.asOf, cursor: query.cursor });
  }

  @Get(':groupId')
  @Roles('officer', 'approver', 'risk')
  @ApiOperation({
    summary: 'A group client: members, limits, exposure against its cap',
    description: 'Roles: officer, risk; an approver only while a member has a grant or renewal awaiting their decision (403 FORBIDDEN otherwise).',
  })
  @ApiOkResponse({ type: GroupSchema })
  @ApiCodes(...READ_CODES, 'GROUP_NOT_FOUND')
  async group(@Param() params: GroupIdParams, @Query() query: ReadQuery, @Req() req: HttpRequest) {
    await this.consistency.awaitPosition(query.minPosition);
    assertMayRead(req.principal, this.readModels, { groupId: params.groupId });
    const group = this.readModels.group(params.groupId, query.asOf);
    if (!group) throw new ProblemException('GROUP_NOT_FOUND', `group ${params.groupId} does not exist`, { groupId: params.groupId });
    return group;
  }
}
