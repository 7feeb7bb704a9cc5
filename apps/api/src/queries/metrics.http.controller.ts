import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiExcludeEndpoint } from '@nestjs/swagger';
import type { Response } from 'express';
import type { MetricsRegistry } from '@ledger/observability';
import { Public } from '../auth/requires.decorator.js';
import { METRICS_REGISTRY } from '../infrastructure/observability.tokens.js';

@Controller()
export class MetricsController {
  constructor(@Inject(METRICS_REGISTRY) private readonly registry: MetricsRegistry) {}

  /**
   * Public, like /health: Prometheus scrapes without a bearer token, and the figures are counts,
   * latencies and lags, never a grant, a person or an amount. Where the port is reachable from
   * outside, the proxy in front keeps /metrics to the monitoring network.
   */
  @Get('metrics')
  @Public()
  @ApiExcludeEndpoint()
  async metrics(@Res({ passthrough: true }) res: Response): Promise<string> {
    res.setHeader('Content-Type', this.registry.contentType);
    return this.registry.metrics();
  }
}
