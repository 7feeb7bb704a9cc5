import type { Command } from '@nestjs/cqrs';
import type { Actor } from '@ledger/event-store';
import {
  AwardGrantCommand,
  type CommandContext,
  type CommandOutcome,
  EnrolInnovatorCommand,
  LaunchProgrammeCommand,
  RaiseGrantBudgetCommand,
} from '@ledger/ledger-application';
import type { ImportCommandKind, ImportInputs, PlannedCommand } from './import-plan.js';

/**
 * Who the import's events name as their actor: a fixed principal that holds no token, so nobody can
 * sign in as it and every imported fact is told apart from those people recorded. A programme
 * manager's role, because launching, enrolling and awarding is what that role records.
 */
export const IMPORT_ACTOR: Actor = { id: '360giving-import', role: 'programme-manager' };

/** One import run: the clock its commands are decided against and the id that ties them together. */
export interface ImportRun {
  readonly now: string;
  readonly correlationId: string;
}

type CommandClass<K extends ImportCommandKind> = new (
  input: ImportInputs[K],
  context: CommandContext,
) => Command<CommandOutcome>;

/** The same command classes the HTTP controllers send, so an import takes the API's command path. */
const COMMAND_CLASSES: { readonly [K in ImportCommandKind]: CommandClass<K> } = {
  LaunchProgramme: LaunchProgrammeCommand,
  RaiseGrantBudget: RaiseGrantBudgetCommand,
  EnrolInnovator: EnrolInnovatorCommand,
  AwardGrant: AwardGrantCommand,
};

/** The `<Name>Command` of a planned command, sent by the import principal with `source: 'import'`. */
export function ledgerCommandOf<K extends ImportCommandKind>(
  planned: PlannedCommand<K>,
  run: ImportRun,
): Command<CommandOutcome> {
  const CommandClass: CommandClass<K> = COMMAND_CLASSES[planned.kind];
  const context: CommandContext = {
    commandId: planned.commandId,
    correlationId: run.correlationId,
    causationId: planned.commandId,
    actor: IMPORT_ACTOR,
    source: 'import',
    now: run.now,
  };
  return new CommandClass(planned.input, context);
}
