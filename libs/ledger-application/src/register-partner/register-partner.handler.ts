import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { partnerDecider, streamName } from '@ledger/ledger-domain';
import { EVENT_STORE, type EventStore } from '@ledger/event-store';
import type { CommandOutcome } from '../shared/command-context.js';
import { runOnStream } from '../shared/run-command.js';
import { RegisterPartnerCommand } from './register-partner.command.js';

@CommandHandler(RegisterPartnerCommand)
export class RegisterPartnerHandler implements ICommandHandler<RegisterPartnerCommand> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  execute({ input, context }: RegisterPartnerCommand): Promise<CommandOutcome> {
    return runOnStream(this.store, context, {
      stream: streamName('partner', input.partnerId),
      decider: partnerDecider,
      command: { type: 'RegisterPartner' as const, data: input },
    });
  }
}
