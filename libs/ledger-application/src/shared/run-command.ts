import {
  type Decider,
  type DomainEvent,
  type LedgerEventType,
  ruleBroken,
  SCHEMA_VERSIONS,
} from '@ledger/ledger-domain';
import { type CommandPlan, commandStep, type EventStore, handleCommand } from '@ledger/event-store';
import type { CommandContext, CommandOutcome } from './command-context.js';
import { fingerprint } from './fingerprint.js';
import { occurredAt } from './occurred-at.js';
import { illFormedTextPath } from './well-formed-text.js';

/**
 * Runs one use case through the one command path and answers with where it wrote.
 * `stream` is the stream the command is addressed to (its revision becomes the ETag).
 */
export async function runCommand(
  store: EventStore,
  context: CommandContext,
  command: { type: string; input: object; stream: string; reason?: string },
  plan: CommandPlan,
): Promise<CommandOutcome> {
  // Every way in (api, cli, import) passes here before any key is made or any event hashed: text
  // that is not well-formed Unicode is refused whole, naming its field. The api refuses it earlier, as 400.
  const illFormed = illFormedTextPath({ ...command.input, reason: command.reason });
  if (illFormed !== undefined) {
    throw ruleBroken('TEXT.ILL_FORMED', `${illFormed} is not well-formed Unicode text (a lone surrogate)`, {
      field: illFormed,
    });
  }
  const result = await handleCommand(store, plan, {
    context: { now: context.now },
    commandId: context.commandId,
    fingerprint: fingerprint(command.type, { stream: command.stream, ...command.input }),
    metadata: {
      actor: context.actor,
      commandId: context.commandId,
      correlationId: context.correlationId,
      causationId: context.causationId,
      source: context.source,
      ...(command.reason === undefined ? {} : { reason: command.reason }),
    },
    occurredAt: (event: DomainEvent) => occurredAt(event, context.now),
    schemaVersion: (type: string) => SCHEMA_VERSIONS[type as LedgerEventType] ?? 1,
  });
  const target = result.streams.find((s) => s.stream === command.stream);
  return {
    commandId: context.commandId,
    stream: command.stream,
    revision: target?.revision ?? -1,
    position: result.position,
    eventIds: result.eventIds,
    replayed: result.replayed,
  };
}

/**
 * Runs a command that reads and writes one stream only, honouring the client's If-Match.
 *
 * @example
 * runOnStream(store, context, { stream: 'grant-g1', decider: grantDecider, command: { type: 'RevokeGrant' as const, data } });
 */
export function runOnStream<State, Command extends { type: string; data: object }, Event extends DomainEvent>(
  store: EventStore,
  context: CommandContext,
  spec: { stream: string; decider: Decider<State, Command, Event>; command: Command; reason?: string },
): Promise<CommandOutcome> {
  const { stream, decider, command } = spec;
  const describe = {
    type: command.type,
    input: command.data,
    stream,
    ...(spec.reason ? { reason: spec.reason } : {}),
  };
  return runCommand(store, context, describe, () => [
    commandStep({ stream, decider, command: () => command, expectedRevision: context.expectedRevision }),
  ]);
}
