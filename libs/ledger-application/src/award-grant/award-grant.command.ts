import { Command } from '@nestjs/cqrs';
import type { AwardGrant } from '@ledger/ledger-domain';
import type { CommandContext, CommandOutcome } from '../shared/command-context.js';

export type AwardGrantInput = Omit<AwardGrant['data'], 'programme' | 'innovator'>;

export class AwardGrantCommand extends Command<CommandOutcome> {
  constructor(
    readonly input: AwardGrantInput,
    readonly context: CommandContext,
  ) {
    super();
  }
}
