import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { grantDecider, streamName } from '@ledger/ledger-domain';
import { commandStep, EVENT_STORE, type EventStore } from '@ledger/event-store';
import type { CommandOutcome } from '../shared/command-context.js';
import { committedFor, loadGrantWithProgramme, moveFundsStep } from '../shared/grant-funds.js';
import { runCommand } from '../shared/run-command.js';
import { VoidGrantAwardCommand } from './void-grant-award.command.js';

/** Voids an award recorded in error: everything it committed goes back to the programme's budget. */
@CommandHandler(VoidGrantAwardCommand)
export class VoidGrantAwardHandler implements ICommandHandler<VoidGrantAwardCommand> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  execute({ input, context }: VoidGrantAwardCommand): Promise<CommandOutcome> {
    const describe = {
      type: 'VoidGrantAward',
      input,
      stream: streamName('grant', input.grantId),
      reason: input.reason,
    };
    return runCommand(this.store, context, describe, async () => {
      const loaded = await loadGrantWithProgramme(this.store, input.grantId);
      return [
        commandStep({
          stream: loaded.grantStream,
          decider: grantDecider,
          loaded: loaded.grant,
          command: () => ({ type: 'VoidGrantAward' as const, data: input }),
          expectedRevision: context.expectedRevision,
        }),
        ...moveFundsStep(loaded, -committedFor(loaded), `voided: ${input.reason}`),
      ];
    });
  }
}
