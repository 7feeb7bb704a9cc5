import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ConfigError, loadConfig } from '@ledger/config';
import { createJsonLogger, NestJsonLogger } from '@ledger/observability';
import { ProjectorModule } from './projector.module.js';

/**
 * The projector worker: `node dist/apps/projector/src/main.js`. Runs every projection whose lease it
 * can take against the shared read store, and stands by for the others.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  if (config.readStore.kind === 'sqlite' && config.projections.mode === 'inline') {
    throw new ConfigError([
      {
        variable: 'LEDGER_PROJECTIONS',
        message:
          'LEDGER_PROJECTIONS is inline (the default with the SQLite read store): the api projects, so a projector worker must not. ' +
          'Set LEDGER_PROJECTIONS=external for the api and this worker, or use LEDGER_READ_STORE=postgres',
      },
    ]);
  }
  const logger = createJsonLogger({ level: config.logLevel, name: 'ledger-projector' });
  const app = await NestFactory.create(ProjectorModule.forRoot(config, logger), {
    logger: new NestJsonLogger(logger),
  });
  // SIGTERM: each batch in flight commits, the leases go to another worker, then exit 0.
  app.enableShutdownHooks([], { useProcessExit: true });
  await app.listen(config.projectorPort, config.host);
  Logger.log(`Projector worker ${process.pid} serving status on port ${config.projectorPort}`, 'Main');
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
  process.stderr.write(
    `The projector failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
