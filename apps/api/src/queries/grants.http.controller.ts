import { Controller, Get, NotFoundException, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  getGrant,
  type GrantRegisterEntry,
  type GrantRegisterPage,
  type GrantRegisterTables,
  listGrants,
  PROJECTION_NAMES,
} from '@ledger/projections';
import { Requires } from '../auth/requires.decorator.js';
import { IdParam } from '../http/id.param.js';
import { problem } from '../http/problem-details.js';
import { ReadModels } from '../read-models/read-models.service.js';
import { ListGrantsQuery, ReadYourWritesQuery } from './query.params.js';

@ApiTags('grant register')
@ApiBearerAuth()
@Controller('grants')
export class GrantRegisterController {
  constructor(private readonly readModels: ReadModels) {}

  @Get()
  @Requires('read')
  @ApiOperation({
    summary: 'The grant register: awarded (after corrections), paid, outstanding, status, corrections',
  })
  async list(@Query() query: ListGrantsQuery): Promise<GrantRegisterPage> {
    const { atLeast, ...filters } = query;
    await this.readModels.caughtUp(atLeast, [PROJECTION_NAMES.grantRegister]);
    return listGrants(this.readModels.model<GrantRegisterTables>(), filters);
  }

  @Get(':grantId')
  @Requires('read')
  @ApiOperation({ summary: 'One grant of the register' })
  async one(
    @IdParam('grantId') grantId: string,
    @Query() query: ReadYourWritesQuery,
  ): Promise<GrantRegisterEntry> {
    await this.readModels.caughtUp(query.atLeast, [PROJECTION_NAMES.grantRegister]);
    const grant = await getGrant(this.readModels.model<GrantRegisterTables>(), grantId);
    if (!grant)
      throw new NotFoundException(problem(404, 'GRANT.NOT_FOUND', 'Not found', `No grant ${grantId}`));
    return grant;
  }
}
