import { existsSync } from 'node:fs';
import { Inject } from '@nestjs/common';
import { Option, SubCommand } from 'nest-commander';
import { CONFIG, type LedgerConfig } from '@ledger/config';
import { SnapshottingEventStore } from '@ledger/event-store';
import {
  IMPORT_FORMATS,
  type ImportFile,
  ImportFileError,
  importFormatOf,
  type ImportResult,
  openLedgerCommandBus,
  planImport,
  readImportFile,
  runImport,
} from '@ledger/giving360';
import { openEventStore } from '@ledger/stores';
import { CliCommand } from '../cli-command.js';
import { CommandFailedError, UsageError } from '../cli-exit.js';
import { ImportBarsReporter } from './import-bars.reporter.js';
import { ImportJsonLinesReporter } from './import-json-lines.reporter.js';
import type { ImportReporter } from './import-reporter.js';

interface Import360GivingOptions {
  json?: boolean;
}

/**
 * `ledger import 360giving <file.json|file.csv>`: loads a published 360Giving file through the
 * command path, as the import principal. Importing a file again writes nothing. Grants that break a
 * rule are listed with why, and the valid ones still load: exit code 0 when every grant is in the
 * ledger, 1 when some are not, 2 when the file cannot be found or is not .json or .csv.
 */
@SubCommand({
  name: '360giving',
  arguments: '<file>',
  description: 'Load the grants of a 360Giving file (JSON data package or CSV) into the ledger',
  argsDescription: { file: `a 360Giving file: ${IMPORT_FORMATS.map((f) => `.${f}`).join(' or ')}` },
})
export class Import360GivingCommand extends CliCommand {
  constructor(@Inject(CONFIG) private readonly config: LedgerConfig) {
    super();
  }

  async run([path = '']: string[], options: Import360GivingOptions): Promise<void> {
    const file = await readFile(path);
    const now = new Date().toISOString();
    const plan = planImport(file.grants, { now });
    const reporter: ImportReporter =
      process.stdout.isTTY && options.json !== true
        ? new ImportBarsReporter()
        : new ImportJsonLinesReporter();
    const events = new SnapshottingEventStore(openEventStore(this.config));
    try {
      const bus = await openLedgerCommandBus(events);
      try {
        const run = { now, correlationId: `360giving-import-${file.sha256.slice(0, 16)}` };
        const onProgress = reporter.progress.bind(reporter);
        const result = await runImport(plan, { events, execute: bus.execute }, { ...run, onProgress });
        reporter.finish(result, { path, sha256: file.sha256 });
        assertAllLoaded(result);
      } finally {
        await bus.close();
      }
    } finally {
      await events.close();
    }
  }

  @Option({ flags: '--json', description: 'JSON lines on stdout even on a terminal' })
  jsonOption(): boolean {
    return true;
  }
}

async function readFile(path: string): Promise<ImportFile> {
  if (importFormatOf(path) === undefined) {
    throw new UsageError(`${path}: give a 360Giving file ending in .json or .csv`);
  }
  if (!existsSync(path)) throw new UsageError(`No such file: ${path}`);
  try {
    return await readImportFile(path);
  } catch (error) {
    if (error instanceof ImportFileError) throw new CommandFailedError(error.message);
    throw error;
  }
}

function assertAllLoaded(result: ImportResult): void {
  const notLoaded = result.invalid.length + result.refused.length;
  if (notLoaded === 0) return;
  throw new CommandFailedError(
    `${notLoaded} of ${result.read} grants were not loaded (${result.invalid.length} invalid, ` +
      `${result.refused.length} refused by the ledger); the other ${result.loaded + result.alreadyThere} are in the ledger`,
  );
}
