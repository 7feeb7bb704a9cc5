import { SubCommand } from 'nest-commander';
import { CliCommand } from '../cli-command.js';
import { CommandFailedError } from '../cli-exit.js';
import { TokenStoreOpener } from './token-store.opener.js';

/** `ledger token revoke <name-or-id>`: the token stops working at once; the principal stays listed. */
@SubCommand({
  name: 'revoke',
  arguments: '<name-or-id>',
  description: "Revoke a principal's token",
  argsDescription: { 'name-or-id': 'the principal name or id, as shown by token list' },
})
export class TokenRevokeCommand extends CliCommand {
  constructor(private readonly tokens: TokenStoreOpener) {
    super();
  }

  run([nameOrId = '']: string[]): Promise<void> {
    const revoked = this.tokens.use((store) => store.revoke(nameOrId));
    if (!revoked) {
      throw new CommandFailedError(`Nothing to revoke: no active principal has the name or id "${nameOrId}"`);
    }
    process.stderr.write(`Revoked "${nameOrId}": its token no longer authenticates.\n`);
    return Promise.resolve();
  }
}
