import { Command } from '@nestjs/cqrs';
import type { ConfirmPartnership } from '@ledger/ledger-domain';
import type { CommandContext, CommandOutcome } from '../shared/command-context.js';

export type ConfirmPartnershipInput = Omit<
  ConfirmPartnership['data'],
  'introduction' | 'programme' | 'previousPartnershipVoided'
>;

export class ConfirmPartnershipCommand extends Command<CommandOutcome> {
  constructor(
    readonly input: ConfirmPartnershipInput,
    readonly context: CommandContext,
  ) {
    super();
  }
}
