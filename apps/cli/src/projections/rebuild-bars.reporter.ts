import cliProgress from 'cli-progress';
import type { RebuildProgress, RebuildResult } from '@ledger/projections';
import { etaSeconds, type RebuildReporter } from './rebuild-reporter.js';
import { formatTable } from '../text-table.js';

const FORMAT = '{name} [{bar}] {value}/{total} events | {rate} events/s | {left} left | {phase}';

/**
 * On a terminal: a progress bar per projection on stderr (events done of the log, events per second,
 * time left), then a table of the results on stdout.
 */
export class BarsReporter implements RebuildReporter {
  private readonly bars: cliProgress.MultiBar;
  private readonly byName = new Map<string, cliProgress.SingleBar>();

  /** With `summary`, the results table goes to stdout once the bars are done. */
  constructor(private readonly summary = true) {
    this.bars = new cliProgress.MultiBar(
      { format: FORMAT, hideCursor: true, clearOnComplete: false, stream: process.stderr },
      cliProgress.Presets.shades_classic,
    );
  }

  progress(report: RebuildProgress): void {
    const payload = {
      name: report.name,
      rate: Math.round(report.eventsPerSecond),
      left: formatSeconds(etaSeconds(report)),
      phase: report.phase,
    };
    const bar = this.byName.get(report.name);
    if (bar === undefined) {
      this.byName.set(report.name, this.bars.create(report.total, report.done, payload));
      return;
    }
    bar.setTotal(report.total);
    bar.update(report.done, payload);
  }

  finish(results: readonly RebuildResult[]): void {
    this.bars.stop();
    if (!this.summary) return;
    const rows = results.map((r) => [
      r.name,
      r.status,
      String(r.events),
      `${r.ms} ms`,
      r.error?.message ?? '',
    ]);
    process.stdout.write(formatTable(['NAME', 'STATUS', 'EVENTS', 'TIME', 'ERROR'], rows));
  }
}

function formatSeconds(seconds: number | null): string {
  if (seconds === null) return '?';
  const minutes = Math.floor(seconds / 60);
  return minutes > 0 ? `${minutes}m${String(seconds % 60).padStart(2, '0')}s` : `${seconds}s`;
}
