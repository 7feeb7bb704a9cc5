import { Option, SubCommand } from 'nest-commander';
import { ALL_PROJECTIONS, describeProjections } from '@ledger/projections';
import { CliCommand } from '../cli-command.js';
import { formatTable } from '../text-table.js';

interface ListOptions {
  json?: boolean;
}

/** `ledger projections list [--json]`: each projection with its version and the tables it owns. */
@SubCommand({ name: 'list', description: 'List the projections: name, version, tables' })
export class ProjectionsListCommand extends CliCommand {
  async run(_params: string[], options: ListOptions): Promise<void> {
    const projections = await describeProjections(ALL_PROJECTIONS);
    if (options.json === true) {
      process.stdout.write(`${JSON.stringify(projections, null, 2)}\n`);
      return;
    }
    const rows = projections.map((p) => [p.name, String(p.version), p.tables.join(', ')]);
    process.stdout.write(formatTable(['NAME', 'VERSION', 'TABLES'], rows));
  }

  @Option({ flags: '--json', description: 'print JSON instead of a table' })
  jsonOption(): boolean {
    return true;
  }
}
