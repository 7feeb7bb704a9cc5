import { Command } from '@nestjs/cqrs';
import type { CloseProgramme } from '@ledger/ledger-domain';
import type { CommandContext, CommandOutcome } from '../shared/command-context.js';

export type CloseProgrammeInput = CloseProgramme['data'];

export class CloseProgrammeCommand extends Command<CommandOutcome> {
  constructor(
    readonly input: CloseProgrammeInput,
    readonly context: CommandContext,
  ) {
    super();
  }
}
