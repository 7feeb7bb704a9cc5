import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@ledger/event-store';
import type { LedgerReadModels, ProjectionRunner } from '@ledger/projections';
import { type MetricsRegistry, registerProjectionMetrics } from '@ledger/observability';
import { PROJECTION_RUNNER } from '../read-models/read-models.tokens.js';
import { METRICS_REGISTRY } from './observability.tokens.js';

/** In embedded mode the projections run inside the api, so the api reports their lag. */
@Injectable()
export class ProjectionMetricsRegistration implements OnModuleInit {
  private readonly logger = new Logger('Metrics');

  constructor(
    @Inject(METRICS_REGISTRY) private readonly registry: MetricsRegistry,
    @Inject(PROJECTION_RUNNER) private readonly runner: ProjectionRunner<LedgerReadModels>,
    @Inject(EVENT_STORE) private readonly events: EventStore,
  ) {}

  onModuleInit(): void {
    registerProjectionMetrics(this.registry, {
      runner: this.runner,
      eventStore: this.events,
      onError: (error) =>
        this.logger.warn(
          `Projection metrics left out of this scrape: ${error instanceof Error ? error.message : String(error)}`,
        ),
    });
  }
}
