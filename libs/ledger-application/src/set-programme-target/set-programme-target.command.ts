import { Command } from '@nestjs/cqrs';
import type { SetProgrammeTarget } from '@ledger/ledger-domain';
import type { CommandContext, CommandOutcome } from '../shared/command-context.js';

export type SetProgrammeTargetInput = SetProgrammeTarget['data'];

export class SetProgrammeTargetCommand extends Command<CommandOutcome> {
  constructor(
    readonly input: SetProgrammeTargetInput,
    readonly context: CommandContext,
  ) {
    super();
  }
}
