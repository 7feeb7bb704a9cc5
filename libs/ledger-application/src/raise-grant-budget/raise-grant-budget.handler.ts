import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { programmeDecider, streamName } from '@ledger/ledger-domain';
import { EVENT_STORE, type EventStore } from '@ledger/event-store';
import type { CommandOutcome } from '../shared/command-context.js';
import { runOnStream } from '../shared/run-command.js';
import { RaiseGrantBudgetCommand } from './raise-grant-budget.command.js';

/** Raises a programme's grant budget; the reason goes into the event and its metadata. */
@CommandHandler(RaiseGrantBudgetCommand)
export class RaiseGrantBudgetHandler implements ICommandHandler<RaiseGrantBudgetCommand> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  execute({ input, context }: RaiseGrantBudgetCommand): Promise<CommandOutcome> {
    return runOnStream(this.store, context, {
      stream: streamName('programme', input.programmeId),
      decider: programmeDecider,
      command: { type: 'RaiseGrantBudget' as const, data: input },
      reason: input.reason,
    });
  }
}
