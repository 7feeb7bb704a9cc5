import { Controller, Get, NotFoundException, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
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
  async list(
    @Query() query: ListGrantsQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<GrantRegisterPage> {
    const { atLeast: _atLeast, asAt: _asAt, ...filters } = query;
    return this.readModels.read(query, [PROJECTION_NAMES.grantRegister], res, (view) =>
      listGrants(view.model<GrantRegisterTables>(), filters),
    );
  }

  @Get(':grantId')
  @Requires('read')
  @ApiOperation({ summary: 'One grant of the register' })
  async one(
    @IdParam('grantId') grantId: string,
    @Query() query: ReadYourWritesQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<GrantRegisterEntry> {
    const grant = await this.readModels.read(query, [PROJECTION_NAMES.grantRegister], res, (view) =>
      getGrant(view.model<GrantRegisterTables>(), grantId),
    );
    if (!grant)
      throw new NotFoundException(problem(404, 'GRANT.NOT_FOUND', 'Not found', `No grant ${grantId}`));
    return grant;
  }
}
