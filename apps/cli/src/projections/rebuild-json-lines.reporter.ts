import type { RebuildProgress, RebuildResult } from '@ledger/projections';
import { etaSeconds, type RebuildReporter } from './rebuild-reporter.js';

/** A line per projection at most this often while building; every change of phase is printed. */
const EVERY_MS = 1000;

/**
 * For scripts and logs (stdout not a terminal): one JSON object per line,
 * `{"type":"progress","name":…,"phase":"building","done":…,"total":…,"eventsPerSecond":…,"etaSeconds":…}`
 * as it goes, then `{"type":"result","results":[{"name":…,"status":"Success","events":…,"ms":…}]}`.
 */
export class JsonLinesReporter implements RebuildReporter {
  private readonly last = new Map<string, { phase: string; at: number }>();

  constructor(
    private readonly write: (line: string) => void = (line) => process.stdout.write(line),
    private readonly now: () => number = () => performance.now(),
  ) {}

  progress(report: RebuildProgress): void {
    const previous = this.last.get(report.name);
    const at = this.now();
    if (previous?.phase === report.phase && at - previous.at < EVERY_MS) return;
    this.last.set(report.name, { phase: report.phase, at });
    const { name, phase, done, total, resumedFrom } = report;
    const eventsPerSecond = Math.round(report.eventsPerSecond);
    this.line({
      type: 'progress',
      name,
      phase,
      done,
      total,
      resumedFrom,
      eventsPerSecond,
      etaSeconds: etaSeconds(report),
    });
  }

  finish(results: readonly RebuildResult[]): void {
    this.line({ type: 'result', results });
  }

  private line(value: object): void {
    this.write(`${JSON.stringify(value)}\n`);
  }
}
