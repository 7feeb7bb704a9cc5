import {
  type BeforeApplicationShutdown,
  Global,
  Inject,
  Logger,
  Module,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { CONFIG, type LedgerConfig } from '@ledger/config';
import { EVENT_STORE, type EventStore } from '@ledger/event-store';
import {
  ALL_PROJECTIONS,
  type LedgerReadModels,
  ProjectionRunner,
  type ReadModelsAtCache,
  readModelsAtCache,
} from '@ledger/projections';
import { PERSONAL_KEY_STORE, type PersonalKeyStore } from '@ledger/personal-data';
import type { Leases, ReadStore } from '@ledger/read-store';
import { openProjectionLeases, openReadStore } from '@ledger/stores';
import { ReadModels } from './read-models.service.js';
import { PROJECTION_RUNNER, READ_MODELS_AT, READ_STORE } from './read-models.tokens.js';

/**
 * inline: this api runs the projections (with leases on PostgreSQL, so several replicas may);
 * external: projector workers run them and this api follows their checkpoints in the read store.
 */
function createRunner(
  config: LedgerConfig,
  events: EventStore,
  readStore: ReadStore<LedgerReadModels>,
): ProjectionRunner<LedgerReadModels> {
  const logger = new Logger('Projections');
  const external = config.projections.mode === 'external';
  const leases: Leases | undefined = external ? undefined : openProjectionLeases(config);
  return new ProjectionRunner(events, readStore, ALL_PROJECTIONS, {
    batchSize: config.projections.batchSize,
    mode: external ? 'watch' : 'run',
    ...(leases === undefined ? {} : { leases }),
    logger: {
      log: (message: string) => logger.log(message),
      error: (message: string) => logger.error(message),
    },
  });
}

/**
 * Read models as at past positions, built on demand with the same projections. A projection that
 * fails on an event while being built is kept as failed (the others still answer as at then), and
 * a query of it answers 503 naming the event (ADR 0018). Ones built before a person was
 * forgotten (by this process or another) are not used again: they may hold what now reads as erased.
 */
function createReadModelsAt(events: EventStore, keys: PersonalKeyStore): ReadModelsAtCache<LedgerReadModels> {
  const logger = new Logger('TimeTravel');
  return readModelsAtCache<LedgerReadModels>(events, ALL_PROJECTIONS, {
    logger: { log: () => undefined, error: (message: string) => logger.error(message) },
    generation: () => keys.erasedCount(),
    keepFailed: true,
  });
}

/**
 * The runner starts with the app (projecting inline, or following the projector workers) and stops
 * (finishing the batch in flight) before the stores close, as do the read models built as at past
 * positions.
 */
class ProjectorLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(
    @Inject(PROJECTION_RUNNER) private readonly runner: ProjectionRunner<LedgerReadModels>,
    @Inject(READ_STORE) private readonly readStore: ReadStore<LedgerReadModels>,
    @Inject(READ_MODELS_AT) private readonly readModelsAt: ReadModelsAtCache<LedgerReadModels>,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.runner.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.runner.stop();
    await this.readModelsAt.close();
    await this.readStore.close();
  }
}

const READ_MODEL_PROVIDERS = [
  {
    provide: READ_STORE,
    inject: [CONFIG],
    useFactory: (config: LedgerConfig) => openReadStore<LedgerReadModels>(config),
  },
  { provide: PROJECTION_RUNNER, inject: [CONFIG, EVENT_STORE, READ_STORE], useFactory: createRunner },
  { provide: READ_MODELS_AT, inject: [EVENT_STORE, PERSONAL_KEY_STORE], useFactory: createReadModelsAt },
  ProjectorLifecycle,
  ReadModels,
];

@Global()
@Module({ providers: READ_MODEL_PROVIDERS, exports: [ReadModels, PROJECTION_RUNNER, READ_STORE] })
export class ReadModelsModule {}
