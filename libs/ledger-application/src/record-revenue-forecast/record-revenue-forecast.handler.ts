import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { innovatorDecider, streamName } from '@ledger/ledger-domain';
import { EVENT_STORE, type EventStore } from '@ledger/event-store';
import type { CommandOutcome } from '../shared/command-context.js';
import { runOnStream } from '../shared/run-command.js';
import { RecordRevenueForecastCommand } from './record-revenue-forecast.command.js';

@CommandHandler(RecordRevenueForecastCommand)
export class RecordRevenueForecastHandler implements ICommandHandler<RecordRevenueForecastCommand> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  execute({ input, context }: RecordRevenueForecastCommand): Promise<CommandOutcome> {
    return runOnStream(this.store, context, {
      stream: streamName('innovator', input.innovatorId),
      decider: innovatorDecider,
      command: { type: 'RecordRevenueForecast' as const, data: input },
    });
  }
}
