import { Command } from 'nest-commander';
import { CliCommandGroup } from '../cli-command-group.js';
import { ProjectionsListCommand } from './projections-list.command.js';
import { ProjectionsRebuildCommand } from './projections-rebuild.command.js';
import { ProjectionsReplayCommand } from './projections-replay.command.js';
import { ProjectionsStatusCommand } from './projections-status.command.js';

@Command({
  name: 'projections',
  description: 'Inspect, rebuild and replay the read models (projections)',
  subCommands: [
    ProjectionsListCommand,
    ProjectionsStatusCommand,
    ProjectionsRebuildCommand,
    ProjectionsReplayCommand,
  ],
})
export class ProjectionsCommand extends CliCommandGroup {}
