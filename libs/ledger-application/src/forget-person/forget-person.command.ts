import { Command } from '@nestjs/cqrs';
import type { CommandContext, CommandOutcome } from '../shared/command-context.js';

export interface ForgetPersonInput {
  readonly personId: string;
  /** Why, for auditors (kept in the metadata); it must not name the person. */
  readonly reason: string;
}

/** Forgets a person (SPEC §6): records PersonalDataErased, then destroys their key. */
export class ForgetPersonCommand extends Command<CommandOutcome> {
  constructor(
    readonly input: ForgetPersonInput,
    readonly context: CommandContext,
  ) {
    super();
  }
}
