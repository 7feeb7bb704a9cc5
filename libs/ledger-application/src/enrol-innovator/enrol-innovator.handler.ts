import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { innovatorDecider, programmeDecider, streamName } from '@ledger/ledger-domain';
import { aggregateStream, commandStep, EVENT_STORE, type EventStore } from '@ledger/event-store';
import type { CommandOutcome } from '../shared/command-context.js';
import { runCommand } from '../shared/run-command.js';
import { EnrolInnovatorCommand } from './enrol-innovator.command.js';

/** Enrolment is decided against the programme's current state (running, challenge areas). */
@CommandHandler(EnrolInnovatorCommand)
export class EnrolInnovatorHandler implements ICommandHandler<EnrolInnovatorCommand> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  execute({ input, context }: EnrolInnovatorCommand): Promise<CommandOutcome> {
    const stream = streamName('innovator', input.innovatorId);
    return runCommand(this.store, context, { type: 'EnrolInnovator', input, stream }, async () => {
      const programme = await aggregateStream(
        this.store,
        streamName('programme', input.programmeId),
        programmeDecider,
      );
      return [
        commandStep({
          stream,
          decider: innovatorDecider,
          command: () => ({
            type: 'EnrolInnovator' as const,
            data: { ...input, programme: programme.state },
          }),
          expectedRevision: context.expectedRevision,
        }),
      ];
    });
  }
}
