import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { READ_MODELS, ReadModels } from '@groupcap/projections';
import { Roles } from '../auth/roles.decorator';
import { ApiProblems } from '../docs/api-problems.decorator';
import { ProblemException } from '../problems/problem-details';
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
  @Roles('officer', 'approver', 'risk')
  @ApiOperation({ summary: 'Group clients, most used cap first by default' })
  @ApiOkResponse({ type: GroupListSchema })
  @ApiProblems(400, 503)
  async list(@Query() query: ListGroupsQuery) {
    await this.consistency.awaitPosition(query.minPosition);
    const items = this.readModels.groups({ sort: query.sort ?? 'capUtilization', limit: Number(query.limit ?? '50'), asOf: query.asOf });
    return { items };
  }

  @Get(':groupId')
  @Roles('officer', 'approver', 'risk')
  @ApiOperation({ summary: 'A group client: members, limits, exposure against its cap' })
  @ApiOkResponse({ type: GroupSchema })
  @ApiProblems(400, 404, 503)
  async group(@Param() params: GroupIdParams, @Query() query: ReadQuery) {
    await this.consistency.awaitPosition(query.minPosition);
    const group = this.readModels.group(params.groupId, query.asOf);
    if (!group) throw new ProblemException('GROUP_NOT_FOUND', `group ${params.groupId} does not exist`, { groupId: params.groupId });
    return group;
  }
}
