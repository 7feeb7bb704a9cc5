import { Option, SubCommand } from 'nest-commander';
import { TokenStoreOpener } from './token-store.opener.js';
import { CliCommand } from '../cli-command.js';
import { formatPrincipalTable } from './principal-table.js';

interface TokenListOptions {
  json?: boolean;
}

/** `ledger token list [--json]`: every principal, revoked ones included; never a token or hash. */
@SubCommand({ name: 'list', description: 'List principals: name, role, id, created, revoked' })
export class TokenListCommand extends CliCommand {
  constructor(private readonly tokens: TokenStoreOpener) {
    super();
  }

  run(_params: string[], options: TokenListOptions): Promise<void> {
    const principals = this.tokens.use((store) => store.list());
    if (options.json === true) {
      process.stdout.write(`${JSON.stringify(principals, null, 2)}\n`);
    } else if (principals.length === 0) {
      process.stderr.write(
        'No principals yet. Create one with: ledger token create --name <name> --role <role>\n',
      );
    } else {
      process.stdout.write(formatPrincipalTable(principals));
    }
    return Promise.resolve();
  }

  @Option({ flags: '--json', description: 'print JSON instead of a table' })
  jsonOption(): boolean {
    return true;
  }
}
