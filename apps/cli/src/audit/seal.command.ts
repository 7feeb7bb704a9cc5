import { Inject } from '@nestjs/common';
import { Command, Option } from 'nest-commander';
import { LedgerSeals } from '@ledger/audit';
import { CONFIG, type LedgerConfig } from '@ledger/config';
import { openRawEventStore } from '@ledger/stores';
import { CliCommand } from '../cli-command.js';
import { describeSeal } from './verify-summary.format.js';

interface SealOptions {
  json?: boolean;
}

/**
 * `ledger seal [--json]`: seals what was appended since the last seal (a `LedgerSealed` event in
 * `seal-ledger`) and prints the seal. When nothing was appended since, prints the last seal and
 * writes nothing. Exit 0 (an empty ledger has nothing to seal: it says so), 1 when it cannot.
 */
@Command({ name: 'seal', description: 'Seal the log now: a seal covering every event appended so far' })
export class SealCommand extends CliCommand {
  constructor(@Inject(CONFIG) private readonly config: LedgerConfig) {
    super();
  }

  async run(_params: string[], options: SealOptions): Promise<void> {
    const store = openRawEventStore(this.config);
    try {
      const outcome = await new LedgerSeals(store, { source: 'cli' }).seal();
      if (options.json === true) {
        process.stdout.write(`${JSON.stringify(outcome ?? null, null, 2)}\n`);
      } else if (outcome === undefined) {
        process.stderr.write('Nothing to seal: the ledger is empty\n');
      } else {
        const note = outcome.created ? '' : ' (nothing was appended since: no new seal)';
        process.stdout.write(`${describeSeal(outcome.seal)}\n`);
        process.stderr.write(`${outcome.created ? 'Sealed' : 'Already sealed'}${note}\n`);
      }
    } finally {
      await store.close();
    }
  }

  @Option({ flags: '--json', description: 'print { seal, created } as JSON' })
  jsonOption(): boolean {
    return true;
  }
}
