import { Command } from '@nestjs/cqrs';
import type { RecordGrantPayment } from '@ledger/ledger-domain';
import type { CommandContext, CommandOutcome } from '../shared/command-context.js';

export type RecordGrantPaymentInput = RecordGrantPayment['data'];

export class RecordGrantPaymentCommand extends Command<CommandOutcome> {
  constructor(
    readonly input: RecordGrantPaymentInput,
    readonly context: CommandContext,
  ) {
    super();
  }
}
