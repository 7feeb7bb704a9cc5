import { RootCommand } from 'nest-commander';
import { CliCommandGroup } from './cli-command-group.js';

/** The root, so that help and usage lines say `ledger` rather than the script's file name. */
@RootCommand({
  name: 'ledger',
  description: 'Programme Ledger from the command line',
})
export class LedgerCommand extends CliCommandGroup {}
