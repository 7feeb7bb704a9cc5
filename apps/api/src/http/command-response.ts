import { createHash } from 'node:crypto';
import type { Response } from 'express';
import type { CommandContext, CommandOutcome } from '@ledger/ledger-application';
import type { Command } from '@nestjs/cqrs';
import type { MeteredCommandBus } from './metered-command-bus.js';

/**
 * Executes a command (timed and counted by the bus) and answers with where it wrote: ETag is the
 * target stream's new revision. Every command endpoint goes through here.
 */
export async function executeCommand(
  bus: MeteredCommandBus,
  command: Command<CommandOutcome>,
  response: Response,
): Promise<CommandOutcome> {
  const outcome = await bus.execute(command);
  response.setHeader('ETag', `W/"${outcome.revision}"`);
  response.setHeader('Location', `/streams/${encodeURIComponent(outcome.stream)}`);
  if (outcome.replayed) response.setHeader('Idempotent-Replayed', 'true');
  return outcome;
}

/**
 * The id of a new entity: the client's, or one derived from the command id, so that retrying a
 * command with the same Idempotency-Key creates the same entity rather than a second one.
 */
export function entityId(given: string | undefined, context: CommandContext, kind: string): string {
  if (given) return given;
  const hex = createHash('sha256').update(`${kind}:${context.commandId}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
