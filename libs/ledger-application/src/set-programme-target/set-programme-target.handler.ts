import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { programmeDecider, streamName } from '@ledger/ledger-domain';
import { EVENT_STORE, type EventStore } from '@ledger/event-store';
import type { CommandOutcome } from '../shared/command-context.js';
import { runOnStream } from '../shared/run-command.js';
import { SetProgrammeTargetCommand } from './set-programme-target.command.js';

@CommandHandler(SetProgrammeTargetCommand)
export class SetProgrammeTargetHandler implements ICommandHandler<SetProgrammeTargetCommand> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  execute({ input, context }: SetProgrammeTargetCommand): Promise<CommandOutcome> {
    return runOnStream(this.store, context, {
      stream: streamName('programme', input.programmeId),
      decider: programmeDecider,
      command: { type: 'SetProgrammeTarget' as const, data: input },
    });
  }
}
