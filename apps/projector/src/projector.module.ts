import {
  type BeforeApplicationShutdown,
  type DynamicModule,
  Inject,
  Logger,
  Module,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { CONFIG, type LedgerConfig } from '@ledger/config';
import { EVENT_STORE, type EventStore } from '@ledger/event-store';
import { TerminusModule } from '@nestjs/terminus';
import {
  createMetricsRegistry,
  type JsonLogger,
  type MetricsRegistry,
  registerProjectionMetrics,
  runnerLogger,
} from '@ledger/observability';
import { ALL_PROJECTIONS, type LedgerReadModels, ProjectionRunner } from '@ledger/projections';
import type { Leases, ReadStore } from '@ledger/read-store';
import { openEventStore, openProjectionLeases, openReadStore } from '@ledger/stores';
import { ProjectorController } from './projector.http.controller.js';
import {
  PROJECTOR_LEASES,
  PROJECTOR_METRICS,
  PROJECTOR_READ_STORE,
  PROJECTOR_RUNNER,
} from './projector.tokens.js';

function createRunner(
  config: LedgerConfig,
  logger: JsonLogger,
  events: EventStore,
  readStore: ReadStore<LedgerReadModels>,
  leases: Leases | undefined,
): ProjectionRunner<LedgerReadModels> {
  return new ProjectionRunner(events, readStore, ALL_PROJECTIONS, {
    batchSize: config.projections.batchSize,
    ...(leases === undefined ? {} : { leases }),
    logger: runnerLogger(logger, 'Projections'),
  });
}

/** Lag, events applied and failures of every projection, as this worker sees them in the read store. */
function createMetrics(runner: ProjectionRunner<LedgerReadModels>, events: EventStore): MetricsRegistry {
  const registry = createMetricsRegistry();
  const logger = new Logger('Metrics');
  registerProjectionMetrics(registry, {
    runner,
    eventStore: events,
    onError: (error) => logger.warn(`Projection metrics left out of this scrape: ${String(error)}`),
  });
  return registry;
}

/**
 * Starts the projections with the worker and, on SIGTERM, lets each batch in flight commit, gives
 * the leases up (another worker takes them at once) and closes the stores.
 */
class ProjectorLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  constructor(
    @Inject(PROJECTOR_RUNNER) private readonly runner: ProjectionRunner<LedgerReadModels>,
    @Inject(PROJECTOR_LEASES) private readonly leases: Leases | undefined,
    @Inject(PROJECTOR_READ_STORE) private readonly readStore: ReadStore<LedgerReadModels>,
    @Inject(EVENT_STORE) private readonly events: EventStore,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.runner.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.runner.stop();
    await this.leases?.close();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.readStore.close();
    await this.events.close();
  }
}

/** The projector worker: projections against the shared read store, single-active per projection. */
@Module({})
export class ProjectorModule {
  static forRoot(config: LedgerConfig, logger: JsonLogger): DynamicModule {
    return {
      module: ProjectorModule,
      imports: [TerminusModule.forRoot({ errorLogStyle: 'json' })],
      controllers: [ProjectorController],
      providers: [
        { provide: CONFIG, useValue: config },
        { provide: EVENT_STORE, useFactory: () => openEventStore(config) },
        { provide: PROJECTOR_READ_STORE, useFactory: () => openReadStore<LedgerReadModels>(config) },
        { provide: PROJECTOR_LEASES, useFactory: () => openProjectionLeases(config) },
        {
          provide: PROJECTOR_RUNNER,
          inject: [EVENT_STORE, PROJECTOR_READ_STORE, PROJECTOR_LEASES],
          useFactory: (
            events: EventStore,
            readStore: ReadStore<LedgerReadModels>,
            leases: Leases | undefined,
          ) => createRunner(config, logger, events, readStore, leases),
        },
        { provide: PROJECTOR_METRICS, inject: [PROJECTOR_RUNNER, EVENT_STORE], useFactory: createMetrics },
        ProjectorLifecycle,
      ],
    };
  }
}
