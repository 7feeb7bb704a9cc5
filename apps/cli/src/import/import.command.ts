import { Command } from 'nest-commander';
import { CliCommandGroup } from '../cli-command-group.js';
import { Import360GivingCommand } from './import-360giving.command.js';

@Command({
  name: 'import',
  description: 'Load published grants data into the ledger through the command path',
  subCommands: [Import360GivingCommand],
})
export class ImportCommand extends CliCommandGroup {}
