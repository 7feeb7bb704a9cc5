import type { InvalidGrant } from './grant-problem.js';
import type { ImportProgress, ImportResult, ProgrammeOutcome, RefusedGrant } from './import-result.js';

/** Counts what became of each grant of the file as the import goes, and reports progress. */
export class ImportTally {
  private done = 0;
  private loaded = 0;
  private alreadyThere = 0;
  private readonly refused: RefusedGrant[] = [];
  private readonly started: number;

  constructor(
    private readonly total: number,
    private readonly invalid: readonly InvalidGrant[],
    private readonly onProgress: (progress: ImportProgress) => void = () => undefined,
    private readonly clock: () => number = () => performance.now(),
  ) {
    this.started = clock();
    this.settle(invalid.length);
  }

  grantLoaded(): void {
    this.loaded += 1;
    this.settle(1);
  }

  grantAlreadyThere(): void {
    this.alreadyThere += 1;
    this.settle(1);
  }

  grantRefused(grant: RefusedGrant): void {
    this.refused.push(grant);
    this.settle(1);
  }

  result(programmes: readonly ProgrammeOutcome[], eventsWritten: number): ImportResult {
    const byPosition = (a: { position: number }, b: { position: number }): number => a.position - b.position;
    return {
      ...{ read: this.total, loaded: this.loaded, alreadyThere: this.alreadyThere },
      ...{ invalid: this.invalid, refused: [...this.refused].sort(byPosition) },
      ...{ programmes, eventsWritten, ms: Math.round(this.clock() - this.started) },
    };
  }

  private settle(grants: number): void {
    this.done += grants;
    this.onProgress({ done: this.done, total: this.total, elapsedMs: this.clock() - this.started });
  }
}
