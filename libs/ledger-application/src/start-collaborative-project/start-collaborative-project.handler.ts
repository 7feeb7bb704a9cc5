import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { programmeDecider, projectDecider, streamName } from '@ledger/ledger-domain';
import { aggregateStream, commandStep, EVENT_STORE, type EventStore } from '@ledger/event-store';
import type { CommandOutcome } from '../shared/command-context.js';
import { runCommand } from '../shared/run-command.js';
import { StartCollaborativeProjectCommand } from './start-collaborative-project.command.js';

@CommandHandler(StartCollaborativeProjectCommand)
export class StartCollaborativeProjectHandler implements ICommandHandler<StartCollaborativeProjectCommand> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  execute({ input, context }: StartCollaborativeProjectCommand): Promise<CommandOutcome> {
    const stream = streamName('project', input.projectId);
    return runCommand(this.store, context, { type: 'StartCollaborativeProject', input, stream }, async () => {
      const programme = await aggregateStream(
        this.store,
        streamName('programme', input.programmeId),
        programmeDecider,
      );
      return [
        commandStep({
          stream,
          decider: projectDecider,
          command: () => ({
            type: 'StartCollaborativeProject' as const,
            data: { ...input, programme: programme.state },
          }),
          expectedRevision: context.expectedRevision,
        }),
      ];
    });
  }
}
