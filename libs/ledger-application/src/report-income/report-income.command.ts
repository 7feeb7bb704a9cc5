import { Command } from '@nestjs/cqrs';
import type { ReportIncome } from '@ledger/ledger-domain';
import type { CommandContext, CommandOutcome } from '../shared/command-context.js';

export type ReportIncomeInput = ReportIncome['data'];

export class ReportIncomeCommand extends Command<CommandOutcome> {
  constructor(
    readonly input: ReportIncomeInput,
    readonly context: CommandContext,
  ) {
    super();
  }
}
