import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  innovatorDecider,
  type InnovatorState,
  programmeDecider,
  type ProgrammeState,
  streamName,
} from '@ledger/ledger-domain';
import { aggregateStream, commandStep, EVENT_STORE, type EventStore } from '@ledger/event-store';
import type { CommandOutcome } from '../shared/command-context.js';
import { runCommand } from '../shared/run-command.js';
import { WithdrawInnovatorCommand } from './withdraw-innovator.command.js';

/** A withdrawal is dated against the innovator's enrolment and its programme's start (ADR 0019). */
@CommandHandler(WithdrawInnovatorCommand)
export class WithdrawInnovatorHandler implements ICommandHandler<WithdrawInnovatorCommand> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  execute({ input, context }: WithdrawInnovatorCommand): Promise<CommandOutcome> {
    const stream = streamName('innovator', input.innovatorId);
    // As runOnStream describes it, so a retried withdrawal keeps its fingerprint and metadata.
    const command = {
      type: 'WithdrawInnovator',
      input,
      stream,
      ...(input.reason ? { reason: input.reason } : {}),
    };
    return runCommand(this.store, context, command, async () => {
      const innovator = await aggregateStream(this.store, stream, innovatorDecider);
      const programme = await this.programmeOf(innovator.state);
      return [
        commandStep({
          stream,
          decider: innovatorDecider,
          loaded: innovator,
          command: () => ({ type: 'WithdrawInnovator' as const, data: { ...input, programme } }),
          expectedRevision: context.expectedRevision,
        }),
      ];
    });
  }

  private async programmeOf(innovator: InnovatorState): Promise<ProgrammeState> {
    if (innovator.status === 'none') return { status: 'none' };
    const stream = streamName('programme', innovator.programmeId);
    return (await aggregateStream(this.store, stream, programmeDecider)).state;
  }
}
