import { Command } from '@nestjs/cqrs';
import type { MakeIntroduction } from '@ledger/ledger-domain';
import type { CommandContext, CommandOutcome } from '../shared/command-context.js';

export type MakeIntroductionInput = Omit<MakeIntroduction['data'], 'programme' | 'innovator' | 'partner'>;

export class MakeIntroductionCommand extends Command<CommandOutcome> {
  constructor(
    readonly input: MakeIntroductionInput,
    readonly context: CommandContext,
  ) {
    super();
  }
}
