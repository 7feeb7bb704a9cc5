import { Command } from '@nestjs/cqrs';
import type { RegisterPartner } from '@ledger/ledger-domain';
import type { CommandContext, CommandOutcome } from '../shared/command-context.js';

export type RegisterPartnerInput = RegisterPartner['data'];

export class RegisterPartnerCommand extends Command<CommandOutcome> {
  constructor(
    readonly input: RegisterPartnerInput,
    readonly context: CommandContext,
  ) {
    super();
  }
}
