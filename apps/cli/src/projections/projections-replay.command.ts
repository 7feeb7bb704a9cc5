import { Inject } from '@nestjs/common';
import { Option, SubCommand } from 'nest-commander';
import { CONFIG, type LedgerConfig } from '@ledger/config';
import type { EventStore } from '@ledger/event-store';
import { ALL_PROJECTIONS, type ReplayFrom, replayProjection, type ReplayResult } from '@ledger/projections';
import { CliCommand } from '../cli-command.js';
import { CommandFailedError, UsageError } from '../cli-exit.js';
import { readStoreFileOf, withEventStore } from './projection-stores.js';
import { BarsReporter } from './rebuild-bars.reporter.js';
import { JsonLinesReporter } from './rebuild-json-lines.reporter.js';
import { formatReplay } from './replay-diff.format.js';

interface ReplayOptions {
  from: string;
  dryRun?: boolean;
  json?: boolean;
}

const FROM_HELP =
  'a position, or a date (YYYY-MM-DD): the events the ledger recorded on or after it. The projection is ' +
  'still built from the start of the log, since its state needs every earlier event; --from narrows the ' +
  'rows shown and switched to those the events from there on touched';

/**
 * `ledger projections replay <name> --from <position|date> [--dry-run]`: after a correction or a fix,
 * shows which read-model rows differ (old and new values side by side) and, without --dry-run,
 * switches them in atomically as a rebuild does. Exit code 0 when it succeeded.
 */
@SubCommand({
  name: 'replay',
  arguments: '<name>',
  description: 'Replay a projection from a position or date; --dry-run shows which rows would change',
  argsDescription: { name: 'a projection name, as shown by projections list' },
})
export class ProjectionsReplayCommand extends CliCommand {
  constructor(@Inject(CONFIG) private readonly config: LedgerConfig) {
    super();
  }

  async run([name = '']: string[], options: ReplayOptions): Promise<void> {
    assertKnown(name);
    const json = options.json === true;
    const reporter = json
      ? new JsonLinesReporter()
      : process.stderr.isTTY
        ? new BarsReporter(false)
        : undefined;
    const result = await withEventStore(this.config, async (events) =>
      replayProjection(events, readStoreFileOf(this.config, 'projections replay'), ALL_PROJECTIONS, name, {
        from: parseFrom(events, options.from),
        dryRun: options.dryRun === true,
        ...(reporter === undefined ? {} : { onProgress: (report) => reporter.progress(report) }),
      }),
    );
    reporter?.finish([result]);
    if (json) process.stdout.write(`${JSON.stringify({ type: 'replay', result })}\n`);
    else if (result.status === 'Success') process.stdout.write(formatReplay(result, options.from));
    assertSucceeded(result);
  }

  @Option({ flags: '--from <position|date>', description: FROM_HELP, required: true })
  fromOption(value: string): string {
    return value;
  }

  @Option({ flags: '--dry-run', description: 'show the rows that would change and write nothing' })
  dryRunOption(): boolean {
    return true;
  }

  @Option({
    flags: '--json',
    description: 'JSON lines on stdout: progress, then the result with every change',
  })
  jsonOption(): boolean {
    return true;
  }
}

function assertKnown(name: string): void {
  const known = ALL_PROJECTIONS.map((projection) => projection.name);
  if (!known.includes(name)) throw new UsageError(`Unknown projection "${name}"; known: ${known.join(', ')}`);
}

function parseFrom(events: EventStore, text: string): ReplayFrom {
  const position = /^\d+$/.test(text) ? events.parsePosition(text) : undefined;
  if (position !== undefined) return { position };
  const date = /^\d{4}-\d{2}-\d{2}(T[\d:.]+Z)?$/.test(text) ? Date.parse(text) : Number.NaN;
  if (Number.isNaN(date))
    throw new UsageError('--from must be a ledger position or a date written YYYY-MM-DD');
  return { recordedAt: new Date(date).toISOString() };
}

function assertSucceeded(result: ReplayResult): void {
  if (result.status !== 'Success') {
    throw new CommandFailedError(`Not replayed: ${result.error?.message ?? result.status}`);
  }
}
