import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { introductionDecider, streamName } from '@ledger/ledger-domain';
import { EVENT_STORE, type EventStore } from '@ledger/event-store';
import type { CommandOutcome } from '../shared/command-context.js';
import { runOnStream } from '../shared/run-command.js';
import { VoidIntroductionCommand } from './void-introduction.command.js';

@CommandHandler(VoidIntroductionCommand)
export class VoidIntroductionHandler implements ICommandHandler<VoidIntroductionCommand> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  execute({ input, context }: VoidIntroductionCommand): Promise<CommandOutcome> {
    return runOnStream(this.store, context, {
      stream: streamName('introduction', input.introductionId),
      decider: introductionDecider,
      command: { type: 'VoidIntroduction' as const, data: input },
      reason: input.reason,
    });
  }
}
