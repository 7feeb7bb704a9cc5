import type { Command } from '@nestjs/cqrs';
import { IdempotencyKeyReusedError } from '@ledger/event-store';
import type { CommandOutcome } from '@ledger/ledger-application';
import { isDomainError } from '@ledger/ledger-domain';
import type { PlannedCommand } from './import-plan.js';
import { type ImportRun, ledgerCommandOf } from './ledger-commands.js';

/** Sends a command on the command path (the command bus, in the CLI) and answers with its outcome. */
export type ExecuteCommand = (command: Command<CommandOutcome>) => Promise<CommandOutcome>;

/** A command the ledger refused, with the domain error's code and message. */
export interface Refusal {
  readonly code: string;
  readonly message: string;
}

/** The command id was used before for a command with other content: the file changed since. */
export const KEY_REUSED = 'IMPORT.CHANGED_SINCE_IMPORTED';

export type Sent = { readonly outcome: CommandOutcome } | { readonly refusal: Refusal };

/**
 * Sends the import's commands and turns the refusals a file can cause (a broken rule, a conflict
 * with the ledger, a changed file) into values; anything else (the store failing) still throws.
 */
export class ImportSender {
  private written = 0;

  constructor(
    private readonly execute: ExecuteCommand,
    private readonly run: ImportRun,
  ) {}

  /** Events written by every command sent so far. */
  get eventsWritten(): number {
    return this.written;
  }

  async send(planned: PlannedCommand): Promise<Sent> {
    try {
      const outcome = await this.execute(ledgerCommandOf(planned, this.run));
      if (!outcome.replayed) this.written += outcome.eventIds.length;
      return { outcome };
    } catch (error) {
      if (isDomainError(error)) return { refusal: { code: error.code, message: error.message } };
      if (error instanceof IdempotencyKeyReusedError) {
        return { refusal: { code: KEY_REUSED, message: error.message } };
      }
      throw error;
    }
  }
}
