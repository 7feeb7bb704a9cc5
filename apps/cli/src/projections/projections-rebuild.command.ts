import { Inject } from '@nestjs/common';
import { Option, SubCommand } from 'nest-commander';
import { CONFIG, type LedgerConfig } from '@ledger/config';
import { ALL_PROJECTIONS, type RebuildProgress, type RebuildResult } from '@ledger/projections';
import { rebuildReadModels } from '@ledger/stores';
import { CliCommand } from '../cli-command.js';
import { CommandFailedError, UsageError } from '../cli-exit.js';
import { withEventStore } from './projection-stores.js';
import { BarsReporter } from './rebuild-bars.reporter.js';
import { JsonLinesReporter } from './rebuild-json-lines.reporter.js';
import type { RebuildReporter } from './rebuild-reporter.js';

interface RebuildOptions {
  all?: boolean;
  json?: boolean;
}

/**
 * `ledger projections rebuild <name> | --all`: rebuilds from the start of the log into new tables
 * while the old ones keep answering (an api may keep running), then switches atomically. Ctrl-C
 * stops after the batch in flight; running it again continues where it stopped. Exit code 0 only
 * when every projection asked for was rebuilt.
 */
@SubCommand({
  name: 'rebuild',
  arguments: '[name]',
  description: 'Rebuild a projection (or --all) from the start of the log, then switch to it atomically',
  argsDescription: { name: 'a projection name, as shown by projections list' },
})
export class ProjectionsRebuildCommand extends CliCommand {
  constructor(@Inject(CONFIG) private readonly config: LedgerConfig) {
    super();
  }

  async run([name]: string[], options: RebuildOptions): Promise<void> {
    const names = namesToRebuild(name, options.all === true);
    const reporter: RebuildReporter =
      process.stdout.isTTY && options.json !== true ? new BarsReporter() : new JsonLinesReporter();
    const interrupt = new AbortController();
    const onInterrupt = (): void => interrupt.abort();
    process.once('SIGINT', onInterrupt);
    process.once('SIGTERM', onInterrupt);
    try {
      const rebuildOptions = {
        onProgress: (report: RebuildProgress) => reporter.progress(report),
        signal: interrupt.signal,
      };
      const results = await withEventStore(this.config, (events) =>
        rebuildReadModels(this.config, events, ALL_PROJECTIONS, names, rebuildOptions),
      );
      reporter.finish(results);
      assertAllSucceeded(results);
    } finally {
      process.off('SIGINT', onInterrupt);
      process.off('SIGTERM', onInterrupt);
    }
  }

  @Option({ flags: '--all', description: 'rebuild every projection, one after another' })
  allOption(): boolean {
    return true;
  }

  @Option({ flags: '--json', description: 'JSON lines on stdout even on a terminal' })
  jsonOption(): boolean {
    return true;
  }
}

function namesToRebuild(name: string | undefined, all: boolean): string[] {
  const known = ALL_PROJECTIONS.map((projection) => projection.name);
  if (all && name !== undefined) throw new UsageError('Give a projection name or --all, not both');
  if (all) return known;
  if (name === undefined)
    throw new UsageError('Give a projection name or --all. See: ledger projections list');
  if (!known.includes(name)) {
    throw new UsageError(`Unknown projection "${name}"; known: ${known.join(', ')}`);
  }
  return [name];
}

function assertAllSucceeded(results: readonly RebuildResult[]): void {
  const failed = results.filter((result) => result.status !== 'Success');
  if (failed.length === 0) return;
  const lines = failed.map(
    (result) => `${result.name}: ${result.error?.message ?? 'not started (interrupted before its turn)'}`,
  );
  throw new CommandFailedError(`Not rebuilt:\n${lines.join('\n')}`);
}
