import { Command } from '@nestjs/cqrs';
import type { RevokeGrant } from '@ledger/ledger-domain';
import type { CommandContext, CommandOutcome } from '../shared/command-context.js';

export type RevokeGrantInput = RevokeGrant['data'];

export class RevokeGrantCommand extends Command<CommandOutcome> {
  constructor(
    readonly input: RevokeGrantInput,
    readonly context: CommandContext,
  ) {
    super();
  }
}
