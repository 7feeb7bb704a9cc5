import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { grantDecider, streamName } from '@ledger/ledger-domain';
import { EVENT_STORE, type EventStore } from '@ledger/event-store';
import type { CommandOutcome } from '../shared/command-context.js';
import { runOnStream } from '../shared/run-command.js';
import { RecordGrantPaymentCommand } from './record-grant-payment.command.js';

@CommandHandler(RecordGrantPaymentCommand)
export class RecordGrantPaymentHandler implements ICommandHandler<RecordGrantPaymentCommand> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  execute({ input, context }: RecordGrantPaymentCommand): Promise<CommandOutcome> {
    return runOnStream(this.store, context, {
      stream: streamName('grant', input.grantId),
      decider: grantDecider,
      command: { type: 'RecordGrantPayment' as const, data: input },
    });
  }
}
