import { CliCommand, type CommanderCommand } from './cli-command.js';
import { UsageError } from './cli-exit.js';

/**
 * A command that only groups subcommands, such as `ledger` or `ledger token`. Called without a
 * subcommand it shows its help as a usage error; called with an unknown one it says so.
 */
export abstract class CliCommandGroup extends CliCommand {
  override setCommand(command: CommanderCommand): this {
    // nest-commander gives every command an action, and commander then drops the implicit
    // `help [command]` subcommand; a group keeps it.
    command.addHelpCommand(true);
    return super.setCommand(command);
  }

  run([word]: string[]): Promise<void> {
    if (word !== undefined) {
      throw new UsageError(`Unknown command "${word}". See: ${commandPath(this.command)} --help`);
    }
    this.command.help({ error: true });
  }
}

function commandPath(command: CommanderCommand): string {
  const names: string[] = [];
  for (let at: CommanderCommand | null = command; at !== null; at = at.parent) names.unshift(at.name());
  return names.join(' ');
}
