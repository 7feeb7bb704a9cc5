import { Inject, Injectable } from '@nestjs/common';
import { type Command, CommandBus } from '@nestjs/cqrs';
import type { CommandOutcome } from '@ledger/ledger-application';
import type { CommandMetrics } from '@ledger/observability';
import { COMMAND_METRICS } from '../infrastructure/observability.tokens.js';

/**
 * The command bus as the controllers use it (through `executeCommand`): every command is timed,
 * its failure counted by code, and the events it wrote counted.
 */
@Injectable()
export class MeteredCommandBus {
  constructor(
    private readonly bus: CommandBus,
    @Inject(COMMAND_METRICS) private readonly metrics: CommandMetrics,
  ) {}

  async execute(command: Command<CommandOutcome>): Promise<CommandOutcome> {
    // `AwardGrantCommand` is counted as `AwardGrant`, the name the domain gives the command.
    const name = command.constructor.name.replace(/Command$/, '');
    const outcome = await this.metrics.observe(name, () => this.bus.execute(command));
    if (!outcome.replayed) this.metrics.eventsAppended(outcome.eventIds.length);
    return outcome;
  }
}
