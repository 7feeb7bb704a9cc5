import { Command } from '@nestjs/cqrs';
import type { RaiseGrantBudget } from '@ledger/ledger-domain';
import type { CommandContext, CommandOutcome } from '../shared/command-context.js';

export type RaiseGrantBudgetInput = RaiseGrantBudget['data'];

export class RaiseGrantBudgetCommand extends Command<CommandOutcome> {
  constructor(
    readonly input: RaiseGrantBudgetInput,
    readonly context: CommandContext,
  ) {
    super();
  }
}
