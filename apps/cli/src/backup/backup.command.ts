import { Inject } from '@nestjs/common';
import { Command, Option } from 'nest-commander';
import { CONFIG, type LedgerConfig } from '@ledger/config';
import { CliCommand } from '../cli-command.js';
import { storeFilePaths } from './backup-manifest.js';
import { backupJson, backupSummary } from './backup-summary.format.js';
import { writeBackup } from './write-backup.js';

interface BackupOptions {
  json?: boolean;
}

/**
 * `ledger backup <file> [--json]`: a consistent copy of the embedded store (events, read models,
 * keys, principals) in one archive, made with SQLite's online backup while the api keeps running.
 * Exit 0 with a summary, 1 when the file exists or a copy cannot be made or checked, 2 when the
 * ledger does not keep its stores in SQLite.
 */
@Command({
  name: 'backup',
  arguments: '<file>',
  description: 'Copy the embedded SQLite store into one new archive file, consistently, while the api runs',
  argsDescription: { file: 'the archive to write (a new file: a tar of the .sqlite files and a manifest)' },
})
export class BackupCommand extends CliCommand {
  constructor(@Inject(CONFIG) private readonly config: LedgerConfig) {
    super();
  }

  async run([file = '']: string[], options: BackupOptions): Promise<void> {
    const result = await writeBackup(storeFilePaths(this.config, 'backup'), file);
    process.stdout.write(
      options.json === true
        ? `${JSON.stringify(backupJson(result), null, 2)}\n`
        : `${backupSummary(result)}\n`,
    );
  }

  @Option({ flags: '--json', description: 'print the summary (files, bytes, events, position, ms) as JSON' })
  jsonOption(): boolean {
    return true;
  }
}
