/**
 * Rebuilds every projection of the ledger in LEDGER_DATA_DIR from position 0, in a process of its
 * own so its peak memory is its own, and prints one JSON line: events in the log, milliseconds, and
 * peak RSS. Run by the bench (`npm run bench`), not by hand.
 */
import { loadConfig } from '@ledger/config';
import { ALL_PROJECTIONS } from '@ledger/projections';
import { openEventStore, rebuildReadModels } from '@ledger/stores';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const events = openEventStore(config);
  try {
    const head = await events.headPosition();
    const started = performance.now();
    const results = await rebuildReadModels(
      config,
      events,
      ALL_PROJECTIONS,
      ALL_PROJECTIONS.map((projection) => projection.name),
    );
    const ms = performance.now() - started;
    const failed = results.filter((result) => result.status !== 'Success');
    process.stdout.write(
      `${JSON.stringify({
        head: head === undefined ? null : String(head),
        ms,
        maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
        results: results.map(({ name, status, events: read, ms: took, error }) => ({
          name,
          status,
          events: read,
          ms: Math.round(took),
          ...(error === undefined ? {} : { error: error.message }),
        })),
        failed: failed.length,
      })}\n`,
    );
  } finally {
    await events.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
