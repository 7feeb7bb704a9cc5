import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { partnershipDecider, streamName } from '@ledger/ledger-domain';
import { EVENT_STORE, type EventStore } from '@ledger/event-store';
import type { CommandOutcome } from '../shared/command-context.js';
import { runOnStream } from '../shared/run-command.js';
import { EndPartnershipCommand } from './end-partnership.command.js';

@CommandHandler(EndPartnershipCommand)
export class EndPartnershipHandler implements ICommandHandler<EndPartnershipCommand> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  execute({ input, context }: EndPartnershipCommand): Promise<CommandOutcome> {
    return runOnStream(this.store, context, {
      stream: streamName('partnership', input.partnershipId),
      decider: partnershipDecider,
      command: { type: 'EndPartnership' as const, data: input },
      reason: input.reason,
    });
  }
}
