import { Controller, Get, Inject } from '@nestjs/common';
import type { LedgerReadModels, ProjectionRunner, ProjectionStatus } from '@ledger/projections';
import { PROJECTOR_RUNNER } from './projector.tokens.js';

export interface ProjectorStatus {
  readonly pid: number;
  /** The projections this worker holds the lease of and runs now. */
  readonly runningHere: readonly string[];
  readonly projections: readonly ProjectionStatus[];
}

/** What this worker does: served on the worker's own port, inside the cluster, without a token. */
@Controller()
export class ProjectorController {
  constructor(@Inject(PROJECTOR_RUNNER) private readonly runner: ProjectionRunner<LedgerReadModels>) {}

  @Get('status')
  async status(): Promise<ProjectorStatus> {
    return {
      pid: process.pid,
      runningHere: this.runner.running(),
      projections: await this.runner.status(),
    };
  }
}
