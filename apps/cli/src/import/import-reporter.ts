import type { ImportProgress, ImportResult } from '@ledger/giving360';

/** Where an import's progress and result go: a bar on a terminal, JSON lines otherwise. */
export interface ImportReporter {
  progress(progress: ImportProgress): void;
  finish(result: ImportResult, file: ImportedFile): void;
}

/** The file as the result names it. */
export interface ImportedFile {
  readonly path: string;
  readonly sha256: string;
}

/** Grants per second so far, and whole seconds left at that rate; null before there is a rate. */
export function rateOf({ done, total, elapsedMs }: ImportProgress): {
  grantsPerSecond: number;
  etaSeconds: number | null;
} {
  const perSecond = elapsedMs > 0 ? (done * 1000) / elapsedMs : 0;
  return {
    grantsPerSecond: Math.round(perSecond),
    etaSeconds: perSecond > 0 ? Math.ceil((total - done) / perSecond) : null,
  };
}
