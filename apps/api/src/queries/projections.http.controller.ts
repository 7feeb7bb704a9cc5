import { Controller, Get, Inject } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { LedgerReadModels, ProjectionRunner, ProjectionStatus } from '@ledger/projections';
import { Requires } from '../auth/requires.decorator.js';
import { PROJECTION_RUNNER } from '../read-models/read-models.tokens.js';

@ApiTags('projections')
@ApiBearerAuth()
@Controller('projections')
export class ProjectionsController {
  constructor(@Inject(PROJECTION_RUNNER) private readonly runner: ProjectionRunner<LedgerReadModels>) {}

  @Get()
  @Requires('read')
  @ApiOperation({
    summary: 'Every projection: status, checkpoint, events applied, lag, and the error that stopped it',
  })
  async status(): Promise<{ projections: ProjectionStatus[] }> {
    return { projections: await this.runner.status() };
  }
}
