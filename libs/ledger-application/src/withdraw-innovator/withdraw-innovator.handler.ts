import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { innovatorDecider, streamName } from '@ledger/ledger-domain';
import { EVENT_STORE, type EventStore } from '@ledger/event-store';
import type { CommandOutcome } from '../shared/command-context.js';
import { runOnStream } from '../shared/run-command.js';
import { WithdrawInnovatorCommand } from './withdraw-innovator.command.js';

@CommandHandler(WithdrawInnovatorCommand)
export class WithdrawInnovatorHandler implements ICommandHandler<WithdrawInnovatorCommand> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  execute({ input, context }: WithdrawInnovatorCommand): Promise<CommandOutcome> {
    return runOnStream(this.store, context, {
      stream: streamName('innovator', input.innovatorId),
      decider: innovatorDecider,
      command: { type: 'WithdrawInnovator' as const, data: input },
      reason: input.reason,
    });
  }
}
