import { Command } from '@nestjs/cqrs';
import type { VoidGrantAward } from '@ledger/ledger-domain';
import type { CommandContext, CommandOutcome } from '../shared/command-context.js';

export type VoidGrantAwardInput = VoidGrantAward['data'];

export class VoidGrantAwardCommand extends Command<CommandOutcome> {
  constructor(
    readonly input: VoidGrantAwardInput,
    readonly context: CommandContext,
  ) {
    super();
  }
}
