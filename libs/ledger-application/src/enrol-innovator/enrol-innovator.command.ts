import { Command } from '@nestjs/cqrs';
import type { EnrolInnovator } from '@ledger/ledger-domain';
import type { CommandContext, CommandOutcome } from '../shared/command-context.js';

export type EnrolInnovatorInput = Omit<EnrolInnovator['data'], 'programme'>;

export class EnrolInnovatorCommand extends Command<CommandOutcome> {
  constructor(
    readonly input: EnrolInnovatorInput,
    readonly context: CommandContext,
  ) {
    super();
  }
}
