import { Inject } from '@nestjs/common';
import { Command, Option } from 'nest-commander';
import { SealNotFoundError, verifyLedger, type VerifyProgress } from '@ledger/audit';
import { CONFIG, type LedgerConfig } from '@ledger/config';
import { openRawEventStore } from '@ledger/stores';
import { CliCommand } from '../cli-command.js';
import { NotIntactError, UsageError } from '../cli-exit.js';
import { intactLine, notIntactMessage, verifySummary } from './verify-summary.format.js';

interface VerifyOptions {
  fromSeal?: number;
  json?: boolean;
}

/**
 * `ledger verify [--from-seal N] [--json]`: recomputes every event's hash from the log as stored,
 * checks each stream's revisions and every seal, and prints the summary (events, streams, seals,
 * time, events/s). Exit 0 when the ledger is intact, 3 when anything was altered, removed or
 * reordered (the first failure in words on stderr), 2 for a seal the ledger lacks.
 */
@Command({
  name: 'verify',
  description: 'Check every event against its hash chain and every seal; exit 3 naming the first failure',
})
export class VerifyCommand extends CliCommand {
  constructor(@Inject(CONFIG) private readonly config: LedgerConfig) {
    super();
  }

  async run(_params: string[], options: VerifyOptions): Promise<void> {
    const store = openRawEventStore(this.config);
    try {
      const result = await verifyLedger(store, {
        ...(options.fromSeal === undefined ? {} : { fromSeal: options.fromSeal }),
        ...(process.stderr.isTTY && options.json !== true ? { onProgress: showProgress } : {}),
      });
      if (process.stderr.isTTY && options.json !== true) process.stderr.write('\r\x1b[K');
      process.stdout.write(
        options.json === true
          ? `${JSON.stringify(result, null, 2)}\n`
          : `${verifySummary(result)}\n${result.ok ? `${intactLine(result)}\n` : ''}`,
      );
      if (!result.ok) throw new NotIntactError(notIntactMessage(result));
    } catch (error) {
      if (error instanceof SealNotFoundError) throw new UsageError(`--from-seal: ${error.message}`);
      throw error;
    } finally {
      await store.close();
    }
  }

  @Option({
    flags: '--from-seal <n>',
    description:
      'take the events up to seal N by their stored hashes (checked against the seals) and re-hash only those after it',
  })
  fromSealOption(value: string): number {
    if (!/^[1-9]\d{0,8}$/.test(value)) throw new UsageError('--from-seal must be a seal number (1, 2, ...)');
    return Number(value);
  }

  @Option({ flags: '--json', description: 'print the whole result, every failure listed, as JSON' })
  jsonOption(): boolean {
    return true;
  }
}

function showProgress({ eventsChecked, position }: VerifyProgress): void {
  process.stderr.write(`\rverifying: ${eventsChecked} events, at position ${position}`);
}
