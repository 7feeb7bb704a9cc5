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
import { openSqliteReadStore, type ReadStore } from '@ledger/read-store';
import { ReadModels } from './read-models.service.js';
import { PROJECTION_RUNNER, READ_MODELS_AT, READ_STORE } from './read-models.tokens.js';

function openReadStore(config: LedgerConfig): ReadStore<LedgerReadModels> {
  if (config.readStore.kind !== 'sqlite') {
    throw new Error(
      'LEDGER_READ_STORE=postgres is not available in this version of the ledger; unset it to run embedded',
    );
  }
  return openSqliteReadStore<LedgerReadModels>({ file: config.readStore.file });
}

function createRunner(
  events: EventStore,
  readStore: ReadStore<LedgerReadModels>,
): ProjectionRunner<LedgerReadModels> {
  const logger = new Logger('Projections');
  return new ProjectionRunner(events, readStore, ALL_PROJECTIONS, {
    logger: {
      log: (message: string) => logger.log(message),
      error: (message: string) => logger.error(message),
    },
  });
}

/**
 * Read models as at past positions, built on demand with the same projections. A build only logs
 * its failure: the query that asked for it answers with the error.
 */
function createReadModelsAt(events: EventStore): ReadModelsAtCache<LedgerReadModels> {
  const logger = new Logger('TimeTravel');
  return readModelsAtCache<LedgerReadModels>(events, ALL_PROJECTIONS, {
    logger: { log: () => undefined, error: (message: string) => logger.error(message) },
  });
}

/**
 * In embedded mode the projections run inside the api: started with the app, stopped (finishing
 * the batch in flight) before the stores close, as are the read models built as at past positions.
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
  { provide: READ_STORE, inject: [CONFIG], useFactory: openReadStore },
  { provide: PROJECTION_RUNNER, inject: [EVENT_STORE, READ_STORE], useFactory: createRunner },
  { provide: READ_MODELS_AT, inject: [EVENT_STORE], useFactory: createReadModelsAt },
  ProjectorLifecycle,
  ReadModels,
];

@Global()
@Module({ providers: READ_MODEL_PROVIDERS, exports: [ReadModels, PROJECTION_RUNNER] })
export class ReadModelsModule {}
