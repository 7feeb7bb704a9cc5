import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { partnershipDecider, streamName } from '@ledger/ledger-domain';
import { EVENT_STORE, type EventStore } from '@ledger/event-store';
import type { CommandOutcome } from '../shared/command-context.js';
import { runOnStream } from '../shared/run-command.js';
import { VoidPartnershipCommand } from './void-partnership.command.js';

@CommandHandler(VoidPartnershipCommand)
export class VoidPartnershipHandler implements ICommandHandler<VoidPartnershipCommand> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  execute({ input, context }: VoidPartnershipCommand): Promise<CommandOutcome> {
    return runOnStream(this.store, context, {
      stream: streamName('partnership', input.partnershipId),
      decider: partnershipDecider,
      command: { type: 'VoidPartnership' as const, data: input },
      reason: input.reason,
    });
  }
}
