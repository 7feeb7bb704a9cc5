import type { RebuildProgress, RebuildResult } from '@ledger/projections';

/** Where a rebuild's progress and results go: bars on a terminal, JSON lines otherwise. */
export interface RebuildReporter {
  progress(report: RebuildProgress): void;
  finish(results: readonly RebuildResult[]): void;
}

/** Seconds left, rounded up; null while there is no rate to go by. */
export function etaSeconds(report: RebuildProgress): number | null {
  return report.etaMs === undefined ? null : Math.ceil(report.etaMs / 1000);
}
