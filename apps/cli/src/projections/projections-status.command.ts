import { Inject } from '@nestjs/common';
import { Option, SubCommand } from 'nest-commander';
import { CONFIG, type LedgerConfig } from '@ledger/config';
import { ALL_PROJECTIONS, type ProjectionOverview, projectionOverview } from '@ledger/projections';
import { CliCommand } from '../cli-command.js';
import { readStoreFileOf, withEventStore } from './projection-stores.js';
import { formatTable } from '../text-table.js';

interface StatusOptions {
  json?: boolean;
}

const HEADINGS = ['NAME', 'VERSION', 'STATUS', 'POSITION', 'HEAD', 'EVENTS', 'NOTE'];

/**
 * `ledger projections status [--json]`: each projection's checkpoint against the head of the log,
 * its error if it stopped, and any rebuild running or left unfinished. Reads only: starts no runner.
 */
@SubCommand({
  name: 'status',
  description: 'Show each projection: checkpoint, lag, error, rebuild under way',
})
export class ProjectionsStatusCommand extends CliCommand {
  constructor(@Inject(CONFIG) private readonly config: LedgerConfig) {
    super();
  }

  async run(_params: string[], options: StatusOptions): Promise<void> {
    const file = readStoreFileOf(this.config, 'projections status');
    const overview = await withEventStore(this.config, (events) =>
      projectionOverview(events, file, ALL_PROJECTIONS),
    );
    if (options.json === true) {
      process.stdout.write(`${JSON.stringify(overview, null, 2)}\n`);
      return;
    }
    const rows = overview.map((p) => [
      p.name,
      String(p.version),
      p.status,
      p.position ?? '-',
      p.headPosition ?? '-',
      String(p.eventsApplied),
      noteOf(p),
    ]);
    process.stdout.write(formatTable(HEADINGS, rows));
  }

  @Option({ flags: '--json', description: 'print JSON instead of a table' })
  jsonOption(): boolean {
    return true;
  }
}

function noteOf(p: ProjectionOverview): string {
  const notes: string[] = [];
  if (p.error !== undefined) notes.push(`failed at ${p.error.position ?? '?'}: ${p.error.message}`);
  else if (p.needsRebuild) notes.push('built by another version: rebuild it');
  else if (!p.upToDate) notes.push('behind');
  if (p.rebuildingBy !== undefined)
    notes.push(`rebuilding (pid ${p.rebuildingBy.pid} on ${p.rebuildingBy.host})`);
  else if (p.unfinishedBuild !== undefined) {
    notes.push(`unfinished rebuild at ${p.unfinishedBuild.position ?? 'the start'}: rebuild to continue`);
  }
  return notes.join('; ') || '-';
}
