import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { introductionDecider, streamName } from '@ledger/ledger-domain';
import { EVENT_STORE, type EventStore } from '@ledger/event-store';
import type { CommandOutcome } from '../shared/command-context.js';
import { runOnStream } from '../shared/run-command.js';
import { CloseIntroductionCommand } from './close-introduction.command.js';

@CommandHandler(CloseIntroductionCommand)
export class CloseIntroductionHandler implements ICommandHandler<CloseIntroductionCommand> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  execute({ input, context }: CloseIntroductionCommand): Promise<CommandOutcome> {
    return runOnStream(this.store, context, {
      stream: streamName('introduction', input.introductionId),
      decider: introductionDecider,
      command: { type: 'CloseIntroduction' as const, data: input },
    });
  }
}
