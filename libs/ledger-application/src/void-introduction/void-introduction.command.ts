import { Command } from '@nestjs/cqrs';
import type { VoidIntroduction } from '@ledger/ledger-domain';
import type { CommandContext, CommandOutcome } from '../shared/command-context.js';

export type VoidIntroductionInput = VoidIntroduction['data'];

export class VoidIntroductionCommand extends Command<CommandOutcome> {
  constructor(
    readonly input: VoidIntroductionInput,
    readonly context: CommandContext,
  ) {
    super();
  }
}
