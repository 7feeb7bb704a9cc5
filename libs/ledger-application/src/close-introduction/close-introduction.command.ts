import { Command } from '@nestjs/cqrs';
import type { CloseIntroduction } from '@ledger/ledger-domain';
import type { CommandContext, CommandOutcome } from '../shared/command-context.js';

export type CloseIntroductionInput = CloseIntroduction['data'];

export class CloseIntroductionCommand extends Command<CommandOutcome> {
  constructor(
    readonly input: CloseIntroductionInput,
    readonly context: CommandContext,
  ) {
    super();
  }
}
