import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
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
  async funnel(
    @IdParam('programmeId') programmeId: string,
    @Query() query: FunnelQuery,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { by = 'total', from, to } = query;
    const rows = await this.readModels.read(query, [PROJECTION_NAMES.introductionFunnel], res, (view) =>
      funnel(view.model<IntroductionFunnelTables>(), {
        programmeId,
        by,
        ...(from ? { from } : {}),
        ...(to ? { to } : {}),
      }),
    );
    return { programmeId, by, rows };
  }
}
