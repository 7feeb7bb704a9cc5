import { Command } from '@nestjs/cqrs';
import type { VoidPartnership } from '@ledger/ledger-domain';
import type { CommandContext, CommandOutcome } from '../shared/command-context.js';

export type VoidPartnershipInput = VoidPartnership['data'];

export class VoidPartnershipCommand extends Command<CommandOutcome> {
  constructor(
    readonly input: VoidPartnershipInput,
    readonly context: CommandContext,
  ) {
    super();
  }
}
