import { Command } from '@nestjs/cqrs';
import type { StartCollaborativeProject } from '@ledger/ledger-domain';
import type { CommandContext, CommandOutcome } from '../shared/command-context.js';

export type StartCollaborativeProjectInput = Omit<StartCollaborativeProject['data'], 'programme'>;

export class StartCollaborativeProjectCommand extends Command<CommandOutcome> {
  constructor(
    readonly input: StartCollaborativeProjectInput,
    readonly context: CommandContext,
  ) {
    super();
  }
}
