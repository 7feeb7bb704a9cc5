import { Command } from 'nest-commander';
import { CliCommandGroup } from '../cli-command-group.js';
import { TokenCreateCommand } from './token-create.command.js';
import { TokenListCommand } from './token-list.command.js';
import { TokenRevokeCommand } from './token-revoke.command.js';

@Command({
  name: 'token',
  description: 'Manage the bearer tokens of principals (people and jobs) and their roles',
  subCommands: [TokenCreateCommand, TokenListCommand, TokenRevokeCommand],
})
export class TokenCommand extends CliCommandGroup {}
