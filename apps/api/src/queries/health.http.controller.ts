import { Controller, Get, HttpCode, Inject, Res, ServiceUnavailableException } from '@nestjs/common';
import { ApiExcludeEndpoint, ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import type { HealthCheckResult } from '@nestjs/terminus';
import type { Response } from 'express';
import { EVENT_STORE, type EventStore } from '@ledger/event-store';
import { eventStoreReachable, readStoreReachable } from '@ledger/observability';
import type { ReadStore } from '@ledger/read-store';
import { Public } from '../auth/requires.decorator.js';
import { READ_STORE } from '../read-models/read-models.tokens.js';

/** Public: the probes say whether the ledger can work, and nothing about its contents. */
@ApiTags('health')
@Controller()
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_STORE) private readonly readStore: ReadStore<unknown>,
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

  /** Readiness: both stores answer in time; else 503 with terminus' body naming the one that did not. */
  @Get('health/ready')
  @Public()
  @HealthCheck()
  @ApiOperation({ summary: 'Readiness: the event store and the read store answer (no token needed)' })
  async ready(@Res({ passthrough: true }) res: Response): Promise<HealthCheckResult> {
    try {
      return await this.checks.check([
        eventStoreReachable(this.indicators, this.store),
        readStoreReachable(this.indicators, this.readStore),
      ]);
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
