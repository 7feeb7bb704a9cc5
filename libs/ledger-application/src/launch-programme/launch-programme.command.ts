import { Command } from '@nestjs/cqrs';
import type { LaunchProgramme } from '@ledger/ledger-domain';
import type { CommandContext, CommandOutcome } from '../shared/command-context.js';

export type LaunchProgrammeInput = LaunchProgramme['data'];

export class LaunchProgrammeCommand extends Command<CommandOutcome> {
  constructor(
    readonly input: LaunchProgrammeInput,
    readonly context: CommandContext,
  ) {
    super();
  }
}
