import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { programmeDecider, streamName } from '@ledger/ledger-domain';
import { EVENT_STORE, type EventStore } from '@ledger/event-store';
import type { CommandOutcome } from '../shared/command-context.js';
import { runOnStream } from '../shared/run-command.js';
import { LaunchProgrammeCommand } from './launch-programme.command.js';

@CommandHandler(LaunchProgrammeCommand)
export class LaunchProgrammeHandler implements ICommandHandler<LaunchProgrammeCommand> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  execute({ input, context }: LaunchProgrammeCommand): Promise<CommandOutcome> {
    return runOnStream(this.store, context, {
      stream: streamName('programme', input.programmeId),
      decider: programmeDecider,
      command: { type: 'LaunchProgramme' as const, data: input },
    });
  }
}
