import { Command } from '@nestjs/cqrs';
import type { CorrectGrantAmount } from '@ledger/ledger-domain';
import type { CommandContext, CommandOutcome } from '../shared/command-context.js';

export type CorrectGrantAmountInput = Omit<CorrectGrantAmount['data'], 'programme'>;

export class CorrectGrantAmountCommand extends Command<CommandOutcome> {
  constructor(
    readonly input: CorrectGrantAmountInput,
    readonly context: CommandContext,
  ) {
    super();
  }
}
