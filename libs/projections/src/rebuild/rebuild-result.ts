import type { Position } from '@ledger/event-store';
import type { LockHolder } from '@ledger/read-store';

/** As in Kysely's migration results: 'NotExecuted' when the run was interrupted before it began. */
export type RebuildStatus = 'Success' | 'Error' | 'NotExecuted';

export type RebuildErrorCode =
  /** No projection of that name among those given. */
  | 'REBUILD.UNKNOWN_PROJECTION'
  /** Another run holds the projection's lock; nothing was done. */
  | 'REBUILD.ALREADY_RUNNING'
  /** A handler threw on an event; the partial build is kept and resumes from there after a fix. */
  | 'REBUILD.HANDLER_FAILED'
  /** Stopped on request (the signal); the partial build is kept and resumes from there. */
  | 'REBUILD.INTERRUPTED'
  /** Anything else: a store failing, the lock taken over after this run stalled. */
  | 'REBUILD.FAILED';

export interface RebuildError {
  readonly code: RebuildErrorCode;
  readonly message: string;
  /** For REBUILD.HANDLER_FAILED: the event the handler failed on. */
  readonly eventId?: string;
  readonly position?: Position;
  /** For REBUILD.ALREADY_RUNNING: who holds the lock. */
  readonly holder?: LockHolder;
}

/** One projection's outcome, in the shape of Kysely's migration results: a list, never a bare throw. */
export interface RebuildResult {
  readonly name: string;
  readonly status: RebuildStatus;
  /** Events read from the log by this run (a resumed run counts only its own). */
  readonly events: number;
  readonly ms: number;
  /** On success: the position the rebuilt tables were switched in at. */
  readonly position?: Position;
  readonly error?: RebuildError;
}

export type RebuildPhase = 'building' | 'switching' | 'done';

/** What `onProgress` is told, after every batch and at each change of phase. */
export interface RebuildProgress {
  readonly name: string;
  readonly phase: RebuildPhase;
  /** Events up to the build's checkpoint, counted from the start of the log. */
  readonly done: number;
  /** Events up to the head of the log, as last seen. */
  readonly total: number;
  /** Where this run started: more than 0 when it resumed an interrupted build. */
  readonly resumedFrom: number;
  /** Over this run so far. */
  readonly eventsPerSecond: number;
  /** Undefined until there is a rate to go by. */
  readonly etaMs: number | undefined;
}

export interface RebuildOptions {
  readonly onProgress?: (progress: RebuildProgress) => void;
  /** Stops after the batch in flight; the partial build is kept for the next run. */
  readonly signal?: AbortSignal;
  /** Events per read and per shadow transaction; 1000 by default. */
  readonly batchSize?: number;
  /** Stamps checkpoints and locks; the system clock by default. */
  readonly clock?: () => Date;
}

/** Raised inside a rebuild to end it with a given code; turned into a result, never thrown out. */
export class RebuildFailure extends Error {
  constructor(readonly detail: RebuildError) {
    super(detail.message);
    this.name = 'RebuildFailure';
  }
}
