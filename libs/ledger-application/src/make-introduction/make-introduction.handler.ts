import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  innovatorDecider,
  introductionDecider,
  partnerDecider,
  programmeDecider,
  streamName,
} from '@ledger/ledger-domain';
import { aggregateStream, commandStep, EVENT_STORE, type EventStore } from '@ledger/event-store';
import type { CommandOutcome } from '../shared/command-context.js';
import { runCommand } from '../shared/run-command.js';
import { MakeIntroductionCommand } from './make-introduction.command.js';

/** An introduction is decided against its programme (dates), innovator (enrolled) and partner. */
@CommandHandler(MakeIntroductionCommand)
export class MakeIntroductionHandler implements ICommandHandler<MakeIntroductionCommand> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  execute({ input, context }: MakeIntroductionCommand): Promise<CommandOutcome> {
    const stream = streamName('introduction', input.introductionId);
    return runCommand(this.store, context, { type: 'MakeIntroduction', input, stream }, async () => {
      const [programme, innovator, partner] = await Promise.all([
        aggregateStream(this.store, streamName('programme', input.programmeId), programmeDecider),
        aggregateStream(this.store, streamName('innovator', input.innovatorId), innovatorDecider),
        aggregateStream(this.store, streamName('partner', input.partnerId), partnerDecider),
      ]);
      const data = {
        ...input,
        programme: programme.state,
        innovator: innovator.state,
        partner: partner.state,
      };
      return [
        commandStep({
          stream,
          decider: introductionDecider,
          command: () => ({ type: 'MakeIntroduction' as const, data }),
          expectedRevision: context.expectedRevision,
        }),
      ];
    });
  }
}
