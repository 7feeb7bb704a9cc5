import { Option, SubCommand } from 'nest-commander';
import { parseRole, ROLES } from '@ledger/auth';
import { CliCommand } from '../cli-command.js';
import { TokenStoreOpener } from './token-store.opener.js';

interface TokenCreateOptions {
  name: string;
  role: string;
}

/**
 * `ledger token create --name N --role R`. Only the token goes to stdout, so that
 * `TOKEN=$(ledger token create ...)` captures exactly the secret; the warning goes to stderr.
 */
@SubCommand({ name: 'create', description: 'Create a principal and print its token, once' })
export class TokenCreateCommand extends CliCommand {
  constructor(private readonly tokens: TokenStoreOpener) {
    super();
  }

  run(_params: string[], options: TokenCreateOptions): Promise<void> {
    // Checked before the store is opened, so a bad role leaves no file behind.
    const role = parseRole(options.role);
    const { principal, token } = this.tokens.use((store) => store.create({ name: options.name, role }));
    process.stdout.write(`${token}\n`);
    process.stderr.write(
      `Created ${principal.role} "${principal.name}" (${principal.id}). ` +
        'Keep the token above now: it will not be shown again.\n',
    );
    return Promise.resolve();
  }

  @Option({ flags: '-n, --name <name>', description: 'unique name of the person or job', required: true })
  nameOption(value: string): string {
    return value;
  }

  @Option({ flags: '-r, --role <role>', description: `one of ${ROLES.join(', ')}`, required: true })
  roleOption(value: string): string {
    return value;
  }
}
