import { Module } from '@nestjs/common';
import { ProjectionsCommand } from './projections.command.js';
import { ProjectionsListCommand } from './projections-list.command.js';
import { ProjectionsRebuildCommand } from './projections-rebuild.command.js';
import { ProjectionsReplayCommand } from './projections-replay.command.js';
import { ProjectionsStatusCommand } from './projections-status.command.js';

const COMMANDS = [
  ProjectionsCommand,
  ProjectionsListCommand,
  ProjectionsStatusCommand,
  ProjectionsRebuildCommand,
  ProjectionsReplayCommand,
];

@Module({ providers: COMMANDS })
export class ProjectionsModule {}
