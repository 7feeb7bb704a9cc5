import { Command } from '@nestjs/cqrs';
import type { WithdrawInnovator } from '@ledger/ledger-domain';
import type { CommandContext, CommandOutcome } from '../shared/command-context.js';

export type WithdrawInnovatorInput = Omit<WithdrawInnovator['data'], 'programme'>;

export class WithdrawInnovatorCommand extends Command<CommandOutcome> {
  constructor(
    readonly input: WithdrawInnovatorInput,
    readonly context: CommandContext,
  ) {
    super();
  }
}
