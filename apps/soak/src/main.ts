/**
 * `npm run test:soak [-- --seconds N --kills K]`: load and faults against the built api over HTTP on
 * loopback (see soak-run.ts), then the invariants checked on its files. Prints the summary (or, with
 * --json, one JSON object). Exits 0 when every invariant holds, 1 when one fails or the soak cannot
 * run, 2 on a bad command line.
 */
import { parseSoakOptions, SoakOptionsError, USAGE } from './soak-options.js';
import { runSoak } from './soak-run.js';
import { textSummary } from './soak-summary.js';

const started = performance.now();
const log = (line: string): void => {
  const seconds = ((performance.now() - started) / 1000).toFixed(1).padStart(6);
  process.stderr.write(`[${seconds} s] ${line}\n`);
};

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  let options;
  try {
    options = parseSoakOptions(argv);
  } catch (error) {
    if (!(error instanceof SoakOptionsError)) throw error;
    process.stderr.write(`soak: ${error.message}\n`);
    process.exitCode = 2;
    return;
  }
  const report = await runSoak(options, log);
  process.stdout.write(options.json ? `${JSON.stringify(report)}\n` : textSummary(report));
  process.exitCode = report.ok ? 0 : 1;
}

main().catch((error: unknown) => {
  const describe = (e: unknown): string =>
    e instanceof Error
      ? `${e.stack ?? e.message}${e.cause === undefined ? '' : `\ncaused by: ${describe(e.cause)}`}`
      : String(e);
  process.stderr.write(`soak: ${describe(error)}\n`);
  process.exitCode = 1;
});
