import { Command } from '@nestjs/cqrs';
import type { EndPartnership } from '@ledger/ledger-domain';
import type { CommandContext, CommandOutcome } from '../shared/command-context.js';

export type EndPartnershipInput = EndPartnership['data'];

export class EndPartnershipCommand extends Command<CommandOutcome> {
  constructor(
    readonly input: EndPartnershipInput,
    readonly context: CommandContext,
  ) {
    super();
  }
}
