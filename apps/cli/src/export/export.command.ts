import { Command } from 'nest-commander';
import { CliCommandGroup } from '../cli-command-group.js';
import { Export360GivingCommand } from './export-360giving.command.js';

@Command({
  name: 'export',
  description:
    'Export the ledger’s grants in open data standards (the read models are brought up to date first)',
  subCommands: [Export360GivingCommand],
})
export class ExportCommand extends CliCommandGroup {}
