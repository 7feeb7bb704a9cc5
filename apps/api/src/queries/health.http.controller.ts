import { Controller, Get, HttpCode, Inject, Res, ServiceUnavailableException } from '@nestjs/common';
import { ApiExcludeEndpoint, ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import type { HealthCheckResult } from '@nestjs/terminus';
import type { Response } from 'express';
import { EVENT_STORE, type EventStore } from '@ledger/event-store';
import { eventStoreReachable, readStoreReachable } from '@ledger/observability';
import type { LedgerReadModels, ProjectionFailure, ProjectionRunner } from '@ledger/projections';
import type { ReadStore } from '@ledger/read-store';
import { Public } from '../auth/requires.decorator.js';
import { PROJECTION_RUNNER, READ_STORE } from '../read-models/read-models.tokens.js';

/** Terminus' answer, or the same shape with `status: 'degraded'` while a projection is stopped. */
export type ReadinessAnswer =
  HealthCheckResult | (Omit<HealthCheckResult, 'status'> & { status: 'degraded' });

/** Public: the probes say whether the ledger can work, and nothing about its contents. */
@ApiTags('health')
@Controller()
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_STORE) private readonly readStore: ReadStore<unknown>,
    @Inject(PROJECTION_RUNNER) private readonly runner: ProjectionRunner<LedgerReadModels>,
    private readonly checks: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
  ) {}

  /** Kept as documented before the probes below: the event store answers. */
  @Get('health')
  @Public()
  @ApiOperation({ summary: 'Liveness and event store reachability (no token needed)' })
  async health(): Promise<{ status: 'ok' }> {
    await this.store.headPosition();
    return { status: 'ok' };
  }

  /** Liveness: the process answers. No I/O, so a slow store never gets a healthy process restarted. */
  @Get('health/live')
  @Public()
  @ApiOperation({ summary: 'Liveness: the process is up (no token needed)' })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /**
   * Readiness: both stores answer in time; else 503 with terminus' body naming the one that did not.
   * A projection stopped by a failure leaves the api ready (200) but `degraded`, naming it under
   * `projections`: commands still work, and every replica shares the read store, so taking them out
   * of the balancer would stop writes too and fix nothing (ADR 0018).
   */
  @Get('health/ready')
  @Public()
  @HealthCheck()
  @ApiOperation({
    summary:
      'Readiness: the event store and the read store answer (no token needed); status "degraded" names a stopped projection',
  })
  async ready(@Res({ passthrough: true }) res: Response): Promise<ReadinessAnswer> {
    try {
      const stores = await this.checks.check([
        eventStoreReachable(this.indicators, this.store),
        readStoreReachable(this.indicators, this.readStore),
      ]);
      return withProjections(stores, await this.runner.failures());
    } catch (error) {
      // The problem filter would turn terminus' answer into a generic problem; probes and operators read it as is.
      if (!(error instanceof ServiceUnavailableException)) throw error;
      res.status(503);
      return error.getResponse() as HealthCheckResult;
    }
  }

  /** Browsers ask for an icon on every page; the ledger has none, and says so without an error. */
  @Get('favicon.ico')
  @Public()
  @HttpCode(204)
  @ApiExcludeEndpoint()
  favicon(): void {}
}

/**
 * Terminus' answer with the projections as one more check: up, or down naming each stopped one.
 * Only the names: the probe is public, and the event and the error (ledger data) are for the `read`
 * role, in `GET /projections` and in the 503 of each query.
 */
function withProjections(stores: HealthCheckResult, failed: readonly ProjectionFailure[]): ReadinessAnswer {
  if (failed.length === 0) {
    const up = { projections: { status: 'up' as const } };
    return { ...stores, info: { ...stores.info, ...up }, details: { ...stores.details, ...up } };
  }
  // `down` as terminus calls a failed check; the answer as a whole stays ready, only degraded.
  const projections = {
    status: 'down' as const,
    failed: failed.map(({ name }) => name),
    message: 'Stopped by a failure: GET /projections names the event and the error',
  };
  return {
    status: 'degraded',
    info: stores.info ?? {},
    error: { ...stores.error, projections },
    details: { ...stores.details, projections },
  };
}
