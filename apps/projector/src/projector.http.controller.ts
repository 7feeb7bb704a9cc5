import { Controller, Get, Header, Inject, Res, ServiceUnavailableException } from '@nestjs/common';
import {
  HealthCheck,
  type HealthCheckResult,
  HealthCheckService,
  HealthIndicatorService,
} from '@nestjs/terminus';
import type { Response } from 'express';
import { EVENT_STORE, type EventStore } from '@ledger/event-store';
import { eventStoreReachable, type MetricsRegistry, readStoreReachable } from '@ledger/observability';
import type { LedgerReadModels, ProjectionRunner, ProjectionStatus } from '@ledger/projections';
import type { ReadStore } from '@ledger/read-store';
import { PROJECTOR_METRICS, PROJECTOR_READ_STORE, PROJECTOR_RUNNER } from './projector.tokens.js';

export interface ProjectorStatus {
  readonly pid: number;
  /** The projections this worker holds the lease of and runs now. */
  readonly runningHere: readonly string[];
  readonly projections: readonly ProjectionStatus[];
}

/**
 * What this worker does, whether it can work, and its metrics: served on the worker's own port
 * (LEDGER_PROJECTOR_PORT) without a token, for probes and Prometheus inside the cluster. It holds
 * no ledger data beyond projection names and positions; keep the port off public networks.
 */
@Controller()
export class ProjectorController {
  constructor(
    @Inject(PROJECTOR_RUNNER) private readonly runner: ProjectionRunner<LedgerReadModels>,
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(PROJECTOR_READ_STORE) private readonly readStore: ReadStore<LedgerReadModels>,
    @Inject(PROJECTOR_METRICS) private readonly metricsRegistry: MetricsRegistry,
    private readonly checks: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
  ) {}

  @Get('status')
  async status(): Promise<ProjectorStatus> {
    return {
      pid: process.pid,
      runningHere: this.runner.running(),
      projections: await this.runner.status(),
    };
  }

  /** Liveness: the process answers (a standby worker holding no lease is alive too). */
  @Get('health/live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Readiness: the event store and the read store answer in time; 503 naming the one that does not. */
  @Get('health/ready')
  @HealthCheck()
  async ready(@Res({ passthrough: true }) res: Response): Promise<HealthCheckResult> {
    try {
      return await this.checks.check([
        eventStoreReachable(this.indicators, this.events),
        readStoreReachable(this.indicators, this.readStore),
      ]);
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      res.status(503);
      return error.getResponse() as HealthCheckResult;
    }
  }

  @Get('metrics')
  @Header('Cache-Control', 'no-store')
  async metrics(@Res({ passthrough: true }) res: Response): Promise<string> {
    res.type(this.metricsRegistry.contentType);
    return this.metricsRegistry.metrics();
  }
}
