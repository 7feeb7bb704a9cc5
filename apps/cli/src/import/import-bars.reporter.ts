import cliProgress from 'cli-progress';
import type { ImportProgress, ImportResult } from '@ledger/giving360';
import { type ImportedFile, type ImportReporter, rateOf } from './import-reporter.js';
import { formatImportSummary } from './import-summary.format.js';

const FORMAT = 'Importing [{bar}] {value}/{total} grants | {rate} grants/s | {left} left';

/** On a terminal: a progress bar on stderr, then the summary and the grants not loaded on stdout. */
export class ImportBarsReporter implements ImportReporter {
  private readonly bar = new cliProgress.SingleBar(
    { format: FORMAT, hideCursor: true, clearOnComplete: false, stream: process.stderr },
    cliProgress.Presets.shades_classic,
  );
  private started = false;

  progress(progress: ImportProgress): void {
    const { grantsPerSecond, etaSeconds } = rateOf(progress);
    const payload = { rate: grantsPerSecond, left: etaSeconds === null ? '?' : `${etaSeconds}s` };
    if (!this.started) {
      this.started = true;
      this.bar.start(progress.total, progress.done, payload);
      return;
    }
    this.bar.update(progress.done, payload);
  }

  finish(result: ImportResult, file: ImportedFile): void {
    if (this.started) this.bar.stop();
    process.stdout.write(formatImportSummary(result, file));
  }
}
