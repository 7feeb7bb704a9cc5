import { Command } from 'nest-commander';
import { CliCommandGroup } from '../cli-command-group.js';
import { ReportImpactCommand } from './report-impact.command.js';

@Command({
  name: 'report',
  description: 'Produce reports from the ledger (the read models are brought up to date first)',
  subCommands: [ReportImpactCommand],
})
export class ReportCommand extends CliCommandGroup {}
