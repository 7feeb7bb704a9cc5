import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { grantDecider, streamName } from '@ledger/ledger-domain';
import { commandStep, EVENT_STORE, type EventStore } from '@ledger/event-store';
import type { CommandOutcome } from '../shared/command-context.js';
import { committedFor, loadGrantWithProgramme, moveFundsStep } from '../shared/grant-funds.js';
import { runCommand } from '../shared/run-command.js';
import { CorrectGrantAmountCommand } from './correct-grant-amount.command.js';

/** Corrects an award's amount and moves the difference on the programme's budget, atomically. */
@CommandHandler(CorrectGrantAmountCommand)
export class CorrectGrantAmountHandler implements ICommandHandler<CorrectGrantAmountCommand> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  execute({ input, context }: CorrectGrantAmountCommand): Promise<CommandOutcome> {
    const describe = {
      type: 'CorrectGrantAmount',
      input,
      stream: streamName('grant', input.grantId),
      reason: input.reason,
    };
    return runCommand(this.store, context, describe, async () => {
      const loaded = await loadGrantWithProgramme(this.store, input.grantId);
      const programme = loaded.programme?.state ?? { status: 'none' as const };
      return [
        commandStep({
          stream: loaded.grantStream,
          decider: grantDecider,
          loaded: loaded.grant,
          command: () => ({ type: 'CorrectGrantAmount' as const, data: { ...input, programme } }),
          expectedRevision: context.expectedRevision,
        }),
        ...moveFundsStep(loaded, input.to - committedFor(loaded), `corrected: ${input.reason}`),
      ];
    });
  }
}
