import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { innovatorDecider, streamName } from '@ledger/ledger-domain';
import { EVENT_STORE, type EventStore } from '@ledger/event-store';
import type { CommandOutcome } from '../shared/command-context.js';
import { runOnStream } from '../shared/run-command.js';
import { ReportIncomeCommand } from './report-income.command.js';

@CommandHandler(ReportIncomeCommand)
export class ReportIncomeHandler implements ICommandHandler<ReportIncomeCommand> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  execute({ input, context }: ReportIncomeCommand): Promise<CommandOutcome> {
    return runOnStream(this.store, context, {
      stream: streamName('innovator', input.innovatorId),
      decider: innovatorDecider,
      command: { type: 'ReportIncome' as const, data: input },
    });
  }
}
