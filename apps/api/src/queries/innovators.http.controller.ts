import { Controller, Get, NotFoundException, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
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
  async list(@Query() query: ListInnovatorsQuery): Promise<InnovatorSummaryPage> {
    const { atLeast, ...filters } = query;
    await this.readModels.caughtUp(atLeast, [PROJECTION_NAMES.innovatorSummary]);
    return listInnovators(this.readModels.model<InnovatorSummaryTables>(), filters);
  }

  @Get(':innovatorId')
  @Requires('read')
  @ApiOperation({ summary: 'One innovator’s summary' })
  async one(
    @IdParam('innovatorId') innovatorId: string,
    @Query() query: ReadYourWritesQuery,
  ): Promise<InnovatorSummaryEntry> {
    await this.readModels.caughtUp(query.atLeast, [PROJECTION_NAMES.innovatorSummary]);
    const innovator = await getInnovator(this.readModels.model<InnovatorSummaryTables>(), innovatorId);
    if (!innovator)
      throw new NotFoundException(
        problem(404, 'INNOVATOR.NOT_FOUND', 'Not found', `No innovator ${innovatorId}`),
      );
    return innovator;
  }
}
