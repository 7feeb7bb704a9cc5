import { Command } from '@nestjs/cqrs';
import type { RecordRevenueForecast } from '@ledger/ledger-domain';
import type { CommandContext, CommandOutcome } from '../shared/command-context.js';

export type RecordRevenueForecastInput = RecordRevenueForecast['data'];

export class RecordRevenueForecastCommand extends Command<CommandOutcome> {
  constructor(
    readonly input: RecordRevenueForecastInput,
    readonly context: CommandContext,
  ) {
    super();
  }
}
