import type { LedgerConfig } from '@ledger/config';
import { ALL_PROJECTIONS, type LedgerReadModels, ProjectionRunner } from '@ledger/projections';
import type { LedgerStores } from './report/ledger-stores.js';
import { CommandFailedError } from './cli-exit.js';
import { openProjectionLeases } from '@ledger/stores';

/** An unattended job waits this long for the read models to reach the head of the log. */
const CATCH_UP_TIMEOUT_MS = 10 * 60 * 1000;

/**
 * Waits until the named read models hold every event stored now; fails naming the error if one of
 * them failed. Embedded, the CLI projects them itself (the api may not be running). With
 * projector workers (LEDGER_PROJECTIONS=external) it only follows their checkpoints; projecting
 * inline on PostgreSQL, it takes the projections' leases like any other replica.
 */
export async function catchUpReadModels(
  config: LedgerConfig,
  stores: LedgerStores,
  names: readonly string[],
): Promise<void> {
  const external = config.projections.mode === 'external';
  const leases = external ? undefined : openProjectionLeases(config);
  // stdout carries what the command prints: the runner speaks on stderr, and only of failures.
  const runner = new ProjectionRunner<LedgerReadModels>(stores.events, stores.readStore, ALL_PROJECTIONS, {
    mode: external ? 'watch' : 'run',
    ...(leases === undefined ? {} : { leases }),
    logger: { log: () => undefined, error: (message: string) => process.stderr.write(`${message}\n`) },
  });
  await runner.start();
  try {
    const head = await stores.events.headPosition();
    if (head && !(await runner.waitFor(head, names, CATCH_UP_TIMEOUT_MS))) {
      const failed = (await runner.status()).find((s) => names.includes(s.name) && s.error);
      throw new CommandFailedError(
        `The read models (${names.join(', ')}) did not reach position ${head}${failed?.error ? `: ${failed.error.message}` : ''}`,
      );
    }
  } finally {
    await runner.stop();
    await leases?.close();
  }
}
