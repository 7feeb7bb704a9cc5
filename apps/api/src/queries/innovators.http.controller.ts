import { Controller, Get, NotFoundException, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import {
  getInnovator,
  type InnovatorSummaryEntry,
  type InnovatorSummaryPage,
  type InnovatorSummaryTables,
  listInnovators,
  PROJECTION_NAMES,
} from '@ledger/projections';
import { Requires } from '../auth/requires.decorator.js';
import { IdParam } from '../http/id.param.js';
import { problem } from '../http/problem-details.js';
import { ReadModels } from '../read-models/read-models.service.js';
import { ListInnovatorsQuery, ReadYourWritesQuery } from './query.params.js';

@ApiTags('innovator summary')
@ApiBearerAuth()
@Controller('innovators')
export class InnovatorSummaryController {
  constructor(private readonly readModels: ReadModels) {}

  @Get()
  @Requires('read')
  @ApiOperation({
    summary: 'Innovators with their grants, payments, introductions, partnerships, income, forecast',
  })
  async list(
    @Query() query: ListInnovatorsQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<InnovatorSummaryPage> {
    const { atLeast: _atLeast, asAt: _asAt, ...filters } = query;
    return this.readModels.read(query, [PROJECTION_NAMES.innovatorSummary], res, (view) =>
      listInnovators(view.model<InnovatorSummaryTables>(), filters),
    );
  }

  @Get(':innovatorId')
  @Requires('read')
  @ApiOperation({ summary: 'One innovator’s summary' })
  async one(
    @IdParam('innovatorId') innovatorId: string,
    @Query() query: ReadYourWritesQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<InnovatorSummaryEntry> {
    const innovator = await this.readModels.read(query, [PROJECTION_NAMES.innovatorSummary], res, (view) =>
      getInnovator(view.model<InnovatorSummaryTables>(), innovatorId),
    );
    if (!innovator)
      throw new NotFoundException(
        problem(404, 'INNOVATOR.NOT_FOUND', 'Not found', `No innovator ${innovatorId}`),
      );
    return innovator;
  }
}
