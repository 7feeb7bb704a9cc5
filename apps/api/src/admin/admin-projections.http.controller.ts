import {
  ConflictException,
  Controller,
  HttpCode,
  Inject,
  Logger,
  NotFoundException,
  Param,
  Post,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { rebuildReadModels } from '@ledger/stores';
import { CONFIG, type LedgerConfig } from '@ledger/config';
import { EVENT_STORE, type EventStore } from '@ledger/event-store';
import {
  ALL_PROJECTIONS,
  type LedgerReadModels,
  type ProjectionRunner,
  type RebuildResult,
} from '@ledger/projections';
import { Requires } from '../auth/requires.decorator.js';
import { problem } from '../http/problem-details.js';
import { PROJECTION_RUNNER } from '../read-models/read-models.tokens.js';

export interface RebuildResponse {
  readonly results: readonly RebuildResult[];
}

/**
 * Rebuilds projections inside the running api: the old tables keep answering queries until the
 * switch, and the api's own runner goes on from the switched checkpoint. The answer comes when the
 * rebuild is done: 202 with a result per projection, 409 when one was already being rebuilt.
 */
@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin/projections')
export class AdminProjectionsController {
  private readonly logger = new Logger('Rebuild');

  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(CONFIG) private readonly config: LedgerConfig,
    @Inject(PROJECTION_RUNNER) private readonly runner: ProjectionRunner<LedgerReadModels>,
  ) {}

  @Post('rebuild')
  @HttpCode(202)
  @Requires('rebuild')
  @ApiOperation({ summary: 'Rebuild every projection from the start of the log, then switch atomically' })
  rebuildAll(): Promise<RebuildResponse> {
    return this.rebuild(ALL_PROJECTIONS.map((projection) => projection.name));
  }

  @Post(':name/rebuild')
  @HttpCode(202)
  @Requires('rebuild')
  @ApiOperation({ summary: 'Rebuild one projection from the start of the log, then switch atomically' })
  rebuildOne(@Param('name') name: string): Promise<RebuildResponse> {
    if (!ALL_PROJECTIONS.some((projection) => projection.name === name)) {
      throw new NotFoundException(
        problem(404, 'PROJECTION.NOT_FOUND', 'No such projection', `There is no projection "${name}"`),
      );
    }
    return this.rebuild([name]);
  }

  private async rebuild(names: readonly string[]): Promise<RebuildResponse> {
    const results = await rebuildReadModels(this.config, this.events, ALL_PROJECTIONS, names);
    for (const result of results)
      this.logger.log(`${result.name}: ${result.status} (${result.events} events, ${result.ms} ms)`);
    await this.resumeRebuiltFailures(results);
    const refused = results.filter((result) => result.error?.code === 'REBUILD.ALREADY_RUNNING');
    if (refused.length > 0) {
      const detail = refused.map((result) => result.error?.message ?? result.name).join(' ');
      throw new ConflictException(
        problem(409, 'PROJECTION.REBUILD_RUNNING', 'A rebuild is already running', detail, { results }),
      );
    }
    return { results };
  }

  /**
   * A projection that had stopped (say, checkpoints of an older version) does not restart by itself;
   * once rebuilt, its runner picks up from the switched checkpoint.
   */
  private async resumeRebuiltFailures(results: readonly RebuildResult[]): Promise<void> {
    const statuses = await this.runner.status();
    for (const { name, status } of results) {
      // A projection projected elsewhere (a projector worker) resumes there by itself.
      const here = this.runner.running().includes(name);
      if (here && status === 'Success' && statuses.some((s) => s.name === name && s.status === 'failed')) {
        await this.runner.resume(name);
      }
    }
  }
}
