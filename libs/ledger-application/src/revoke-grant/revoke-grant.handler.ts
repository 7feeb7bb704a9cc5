import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { grantDecider, streamName } from '@ledger/ledger-domain';
import { commandStep, EVENT_STORE, type EventStore } from '@ledger/event-store';
import type { CommandOutcome } from '../shared/command-context.js';
import { committedFor, loadGrantWithProgramme, moveFundsStep } from '../shared/grant-funds.js';
import { runCommand } from '../shared/run-command.js';
import { RevokeGrantCommand } from './revoke-grant.command.js';

/** Revokes a grant: what was paid stays spent; the unpaid rest goes back to the programme's budget. */
@CommandHandler(RevokeGrantCommand)
export class RevokeGrantHandler implements ICommandHandler<RevokeGrantCommand> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  execute({ input, context }: RevokeGrantCommand): Promise<CommandOutcome> {
    const describe = {
      type: 'RevokeGrant',
      input,
      stream: streamName('grant', input.grantId),
      reason: input.reason,
    };
    return runCommand(this.store, context, describe, async () => {
      const loaded = await loadGrantWithProgramme(this.store, input.grantId);
      const paid = loaded.grant.state.status === 'none' ? 0 : loaded.grant.state.paid;
      return [
        commandStep({
          stream: loaded.grantStream,
          decider: grantDecider,
          loaded: loaded.grant,
          command: () => ({ type: 'RevokeGrant' as const, data: input }),
          expectedRevision: context.expectedRevision,
        }),
        ...moveFundsStep(loaded, paid - committedFor(loaded), `revoked: ${input.reason}`),
      ];
    });
  }
}
