import type { ImportProgress, ImportResult } from '@ledger/giving360';
import { type ImportedFile, type ImportReporter, rateOf } from './import-reporter.js';

/** A progress line at most this often; the first and the last are always printed. */
const EVERY_MS = 1000;

/**
 * For scripts and logs (stdout not a terminal): one JSON object per line,
 * `{"type":"progress","done":…,"total":…,"grantsPerSecond":…,"etaSeconds":…}` as it goes, then
 * `{"type":"result","file":…,"sha256":…,"read":…,"loaded":…,"alreadyThere":…,"invalid":[…],"refused":[…],…}`.
 */
export class ImportJsonLinesReporter implements ImportReporter {
  private lastAt: number | undefined;

  constructor(private readonly write: (line: string) => void = (line) => process.stdout.write(line)) {}

  progress(progress: ImportProgress): void {
    const last = progress.done === progress.total;
    if (!last && this.lastAt !== undefined && progress.elapsedMs - this.lastAt < EVERY_MS) return;
    this.lastAt = progress.elapsedMs;
    const { done, total } = progress;
    this.line({ type: 'progress', done, total, ...rateOf(progress) });
  }

  finish(result: ImportResult, file: ImportedFile): void {
    this.line({ type: 'result', file: file.path, sha256: file.sha256, ...result });
  }

  private line(value: object): void {
    this.write(`${JSON.stringify(value)}\n`);
  }
}
