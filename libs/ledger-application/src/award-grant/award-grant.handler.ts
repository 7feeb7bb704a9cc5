import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { grantDecider, innovatorDecider, programmeDecider, streamName } from '@ledger/ledger-domain';
import { aggregateStream, commandStep, EVENT_STORE, type EventStore } from '@ledger/event-store';
import type { CommandOutcome } from '../shared/command-context.js';
import { runCommand } from '../shared/run-command.js';
import { AwardGrantCommand } from './award-grant.command.js';

/**
 * Awards a grant and commits its funds on the programme in one atomic append. Two racing awards
 * conflict on the programme's revision; the loser is decided again against the new budget.
 */
@CommandHandler(AwardGrantCommand)
export class AwardGrantHandler implements ICommandHandler<AwardGrantCommand> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  execute({ input, context }: AwardGrantCommand): Promise<CommandOutcome> {
    const stream = streamName('grant', input.grantId);
    const programmeStream = streamName('programme', input.programmeId);
    return runCommand(this.store, context, { type: 'AwardGrant', input, stream }, async () => {
      const [programme, innovator] = await Promise.all([
        aggregateStream(this.store, programmeStream, programmeDecider),
        aggregateStream(this.store, streamName('innovator', input.innovatorId), innovatorDecider),
      ]);
      const { grantId, programmeId, amount } = input;
      return [
        commandStep({
          stream,
          decider: grantDecider,
          command: () => ({
            type: 'AwardGrant' as const,
            data: { ...input, programme: programme.state, innovator: innovator.state },
          }),
          expectedRevision: context.expectedRevision,
        }),
        commandStep({
          stream: programmeStream,
          decider: programmeDecider,
          loaded: programme,
          command: () => ({ type: 'CommitGrantFunds' as const, data: { programmeId, grantId, amount } }),
        }),
      ];
    });
  }
}
