import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CommandBus, CqrsModule } from '@nestjs/cqrs';
import { Command, Option } from 'nest-commander';
import { can, type Principal } from '@ledger/auth';
import { CONFIG, type LedgerConfig } from '@ledger/config';
import { EVENT_STORE, type EventStore } from '@ledger/event-store';
import {
  type CommandContext,
  type CommandOutcome,
  ForgetPersonCommand,
  PERSONAL_DATA_HANDLERS,
} from '@ledger/ledger-application';
import { ID_PATTERN, isDomainError } from '@ledger/ledger-domain';
import { PERSONAL_KEY_STORE, type PersonalKeyStore } from '@ledger/personal-data';
import { openKeyStore, openLedgerEventStores } from '@ledger/stores';
import { CliCommand } from '../cli-command.js';
import { CommandFailedError, UsageError } from '../cli-exit.js';
import { TokenStoreOpener } from '../token/token-store.opener.js';

interface ForgetPersonOptions {
  reason: string;
  token?: string;
  json?: boolean;
}

/**
 * `ledger forget-person <personId> --reason <text> [--token <admin token>] [--json]`: forgets a
 * person as the API's `POST /people/:personId/forget` does, through the same command handler:
 * PersonalDataErased is recorded, then their key is destroyed. The CLI acts for the principal whose
 * token it is given (`--token`, or `LEDGER_TOKEN` so that it stays out of the shell history), who
 * must hold the `forget` permission (admin). Exit 0 when forgotten (or forgotten before), 1 when the
 * ledger holds no data of that person, 2 for a wrong invocation or a token that may not forget.
 */
@Command({
  name: 'forget-person',
  arguments: '<personId>',
  description: 'Forget a person: record PersonalDataErased, then destroy their key (admin token)',
  argsDescription: { personId: 'the person id, e.g. contact-<partnerId> for a partner contact' },
})
export class ForgetPersonCliCommand extends CliCommand {
  constructor(
    @Inject(CONFIG) private readonly config: LedgerConfig,
    private readonly tokens: TokenStoreOpener,
  ) {
    super();
  }

  async run([personId = '']: string[], options: ForgetPersonOptions): Promise<void> {
    if (!ID_PATTERN.test(personId)) {
      throw new UsageError(
        `personId must be 1-128 letters, digits or ._:- starting with a letter or digit, got "${personId}"`,
      );
    }
    const reason = options.reason.trim();
    if (reason === '') throw new UsageError('--reason must say why (it is kept for auditors)');
    const principal = this.authorise(options.token ?? process.env['LEDGER_TOKEN']);
    const outcome = await this.forget({ personId, reason }, contextFor(principal));
    const said = options.json === true ? JSON.stringify(outcome) : describe(personId, outcome);
    process.stdout.write(`${said}\n`);
  }

  /** The principal holding the token, if it may forget people. */
  private authorise(token: string | undefined): Principal {
    if (token === undefined || token === '') {
      throw new UsageError('forget-person needs an admin token: give --token or set LEDGER_TOKEN');
    }
    const principal = this.tokens.use((store) => store.authenticate(token));
    if (principal === undefined) throw new UsageError('The token is unknown or revoked');
    if (!can(principal.role, 'forget')) {
      throw new UsageError(
        `${principal.name} (${principal.role}) may not forget people: that needs the forget permission (admin)`,
      );
    }
    return principal;
  }

  /** Sends the command on a command bus of its own, over the configured event and key stores. */
  private async forget(
    input: ForgetPersonCommand['input'],
    context: CommandContext,
  ): Promise<CommandOutcome> {
    const keys = openKeyStore(this.config);
    const { events, personalData } = openLedgerEventStores(this.config, keys);
    try {
      // A key a killed registration left would otherwise count as their data recorded (ADR 0020).
      await personalData.reconcileKeyClaims({ olderThanMs: this.config.keyClaimGraceSeconds * 1000 });
      return await executeForget(events, keys, new ForgetPersonCommand(input, context));
    } catch (error) {
      if (isDomainError(error) && error.code === 'PERSON.NOT_FOUND')
        throw new CommandFailedError(error.message);
      throw error;
    } finally {
      await events.close();
      await keys.close();
    }
  }

  @Option({
    flags: '--reason <text>',
    description: 'why, for auditors (do not name the person)',
    required: true,
  })
  reasonOption(value: string): string {
    return value;
  }

  @Option({ flags: '--token <token>', description: 'an admin token (or set LEDGER_TOKEN)' })
  tokenOption(value: string): string {
    return value;
  }

  @Option({ flags: '--json', description: 'print the command outcome as JSON' })
  jsonOption(): boolean {
    return true;
  }
}

class ForgetPathModule {}

async function executeForget(
  events: EventStore,
  keys: PersonalKeyStore,
  command: ForgetPersonCommand,
): Promise<CommandOutcome> {
  const context = await NestFactory.createApplicationContext(
    {
      module: ForgetPathModule,
      imports: [CqrsModule.forRoot()],
      providers: [
        ...PERSONAL_DATA_HANDLERS,
        { provide: EVENT_STORE, useValue: events },
        { provide: PERSONAL_KEY_STORE, useValue: keys },
      ],
    },
    { logger: false },
  );
  try {
    return await context.get(CommandBus).execute(command);
  } finally {
    await context.close();
  }
}

function contextFor(principal: Principal): CommandContext {
  const commandId = randomUUID();
  return {
    commandId,
    correlationId: commandId,
    causationId: commandId,
    actor: { id: principal.id, role: principal.role },
    source: 'cli',
    now: new Date().toISOString(),
  };
}

function describe(personId: string, outcome: CommandOutcome): string {
  const when = outcome.replayed ? 'was already forgotten' : 'is forgotten';
  return `Person ${personId} ${when}: PersonalDataErased at position ${outcome.position} (${outcome.stream}); their key is destroyed.`;
}
