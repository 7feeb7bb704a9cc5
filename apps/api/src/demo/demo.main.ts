import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { TOKEN_STORE, type TokenStore } from '@ledger/auth';
import { ConfigError, loadConfig } from '@ledger/config';
import { EVENT_STORE, type EventStore } from '@ledger/event-store';
import { createApp } from '../create-app.js';
import { type Welcome, progressPrinter, welcomeText } from './demo-output.js';
import { createAuditorToken, demoActors } from './demo-principals.js';
import { IEP_PROGRAMME_STREAM } from './iep-facts.js';
import { loadIepDemo } from './load-demo.js';

/** Its own folder by default, so the demo never mixes with a real ledger in `./data`. */
const DEMO_DATA_DIR = './data/demo';

/**
 * `npm run demo`: loads the IEP partnership accelerator into a ledger (once per data folder) through
 * the command path, then serves the API and prints where to look, with a read-only token.
 */
async function main(): Promise<void> {
  const dataDir = process.env.LEDGER_DATA_DIR?.trim() ? process.env.LEDGER_DATA_DIR : DEMO_DATA_DIR;
  const config = loadConfig({ ...process.env, LEDGER_DATA_DIR: dataDir });
  const app = await createApp(config);
  // Errors and warnings only: the route table would push the demo's own output off the screen.
  app.useLogger(['fatal', 'error', 'warn']);
  await app.init();
  const tokens = app.get<TokenStore>(TOKEN_STORE);
  const loaded = await loadUnlessPresent(app, tokens, config.dataDir);
  const auditorToken = createAuditorToken(tokens, new Date());
  await app.listen(config.port, config.host);
  process.stdout.write(welcomeText({ port: config.port, dataDir: config.dataDir, auditorToken, loaded }));
}

async function loadUnlessPresent(
  app: INestApplication,
  tokens: TokenStore,
  dataDir: string,
): Promise<Welcome['loaded']> {
  const store = app.get<EventStore>(EVENT_STORE);
  if ((await store.readStream(IEP_PROGRAMME_STREAM, { maxCount: 1 })).revision >= 0) return 'already-loaded';
  const started = performance.now();
  try {
    const result = await loadIepDemo(app.get(CommandBus), {
      actors: demoActors(tokens),
      onProgress: progressPrinter(),
    });
    return { commands: result.commands, seconds: (performance.now() - started) / 1000 };
  } catch (error) {
    await app.close();
    throw new Error(
      `Loading the demo stopped: ${error instanceof Error ? error.message : String(error)}. ` +
        `Delete ${dataDir} and run the demo again.`,
      { cause: error },
    );
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`\n${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(error instanceof ConfigError ? 2 : 1);
});
