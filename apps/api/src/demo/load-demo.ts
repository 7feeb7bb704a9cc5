import type { CommandBus } from '@nestjs/cqrs';
import type { CommandContext } from '@ledger/ledger-application';
import type { Actor } from '@ledger/event-store';
import { toCommand } from './demo-command.factory.js';
import type { DemoStep } from './demo-step.js';
import { IEP_PROGRAMME_ID } from './iep-facts.js';
import { iepProgramme } from './iep-programme.js';

export interface DemoActors {
  /** Records the facts (a programme-manager principal). */
  readonly manager: Actor;
  /** Records the corrections and voids, which need the admin role (an admin principal). */
  readonly admin: Actor;
}

export interface LoadDemoOptions {
  readonly actors: DemoActors;
  /** The clock the commands are decided against; the server's by default. */
  readonly now?: Date;
  readonly onProgress?: (done: number, total: number) => void;
}

export interface LoadDemoResult {
  readonly commands: number;
  readonly programmeId: string;
  /** The global position of the last event written: a report computed there shows the demo figures. */
  readonly lastPosition: string;
}

/** One correlation id for the whole load, so the audit trail shows every event came from it. */
const CORRELATION_ID = `demo-${IEP_PROGRAMME_ID}`;

/**
 * Loads the IEP partnership accelerator through the command bus, one command at a time (later commands
 * depend on earlier ones), from the CLI. Command ids are fixed per step, so loading into a ledger that
 * already holds the demo writes nothing new. Rejects with the first command the ledger refuses.
 */
export async function loadIepDemo(commandBus: CommandBus, options: LoadDemoOptions): Promise<LoadDemoResult> {
  const steps = iepProgramme();
  const now = (options.now ?? new Date()).toISOString();
  let lastPosition = '';
  for (const [index, step] of steps.entries()) {
    const outcome = await commandBus.execute(toCommand(step, contextFor(step, index, now, options.actors)));
    lastPosition = outcome.position;
    options.onProgress?.(index + 1, steps.length);
  }
  return { commands: steps.length, programmeId: IEP_PROGRAMME_ID, lastPosition };
}

function contextFor(step: DemoStep, index: number, now: string, actors: DemoActors): CommandContext {
  const commandId = `${CORRELATION_ID}-${String(index + 1).padStart(4, '0')}`;
  return {
    commandId,
    correlationId: CORRELATION_ID,
    causationId: commandId,
    actor: step.by === 'admin' ? actors.admin : actors.manager,
    source: 'cli',
    now,
  };
}
