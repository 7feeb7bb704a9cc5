import { CommandRunner } from 'nest-commander';
import { exitOnParseError } from './cli-exit.js';

export type CommanderCommand = Parameters<CommandRunner['setCommand']>[0];

/**
 * The base of every ledger command. nest-commander applies its `errorHandler` to the root command
 * only (commander does not pass it on to subcommands), so each command sets it on itself here.
 */
export abstract class CliCommand extends CommandRunner {
  override setCommand(command: CommanderCommand): this {
    command.exitOverride(exitOnParseError);
    return super.setCommand(command);
  }
}
