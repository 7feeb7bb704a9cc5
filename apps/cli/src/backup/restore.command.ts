import { Inject } from '@nestjs/common';
import { Command, Option } from 'nest-commander';
import { CONFIG, type LedgerConfig } from '@ledger/config';
import { CliCommand } from '../cli-command.js';
import { storeFilePaths } from './backup-manifest.js';
import { restoreJson, restoreSummary } from './backup-summary.format.js';
import { restoreBackup } from './restore-backup.js';

interface RestoreOptions {
  json?: boolean;
}

/**
 * `ledger restore <file> [--json]`: puts a backup's files in place in LEDGER_DATA_DIR (keys.sqlite
 * at LEDGER_KEY_STORE_FILE when set), after checking every file against the manifest and with
 * `PRAGMA integrity_check`. Exit 0 listing what was restored; 1 when a store file is already there
 * or the archive is damaged (nothing is written then); 2 when the file is missing or the ledger
 * does not keep its stores in SQLite.
 */
@Command({
  name: 'restore',
  arguments: '<file>',
  description:
    'Restore a backup into an empty data folder, after checking every file of it (sizes, SHA-256, integrity)',
  argsDescription: { file: 'an archive written by `ledger backup`' },
})
export class RestoreCommand extends CliCommand {
  constructor(@Inject(CONFIG) private readonly config: LedgerConfig) {
    super();
  }

  run([file = '']: string[], options: RestoreOptions): Promise<void> {
    const result = restoreBackup(storeFilePaths(this.config, 'restore'), file);
    process.stdout.write(
      options.json === true
        ? `${JSON.stringify(restoreJson(result), null, 2)}\n`
        : `${restoreSummary(result)}\n`,
    );
    return Promise.resolve();
  }

  @Option({ flags: '--json', description: 'print the files restored, events and position as JSON' })
  jsonOption(): boolean {
    return true;
  }
}
