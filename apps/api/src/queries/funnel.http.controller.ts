import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { funnel, type IntroductionFunnelTables, PROJECTION_NAMES } from '@ledger/projections';
import { Requires } from '../auth/requires.decorator.js';
import { IdParam } from '../http/id.param.js';
import { ReadModels } from '../read-models/read-models.service.js';
import { FunnelQuery } from './query.params.js';

@ApiTags('introduction funnel')
@ApiBearerAuth()
@Controller('programmes/:programmeId/funnel')
export class FunnelController {
  constructor(private readonly readModels: ReadModels) {}

  @Get()
  @Requires('read')
  @ApiOperation({
    summary:
      'Introductions, partnerships, conversion rate and median days to partnership, by challenge area, partner sector or month',
  })
  async funnel(@IdParam('programmeId') programmeId: string, @Query() query: FunnelQuery) {
    const { atLeast, by = 'total', from, to } = query;
    await this.readModels.caughtUp(atLeast, [PROJECTION_NAMES.introductionFunnel]);
    const rows = await funnel(this.readModels.model<IntroductionFunnelTables>(), {
      programmeId,
      by,
      ...(from ? { from } : {}),
      ...(to ? { to } : {}),
    });
    return { programmeId, by, rows };
  }
}
