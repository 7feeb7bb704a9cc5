import type { Pence } from '@ledger/ledger-domain';
import type { InvalidGrant } from './grant-problem.js';

/** A valid grant the ledger refused: a broken rule, or a conflict with what it already holds. */
export interface RefusedGrant {
  readonly id: string;
  readonly position: number;
  /** The domain error's code (`GRANT.ALREADY_AWARDED` ...), `IMPORT.CHANGED_SINCE_IMPORTED` or `IMPORT.PROGRAMME_NOT_LAUNCHED`. */
  readonly code: string;
  readonly message: string;
}

export type ProgrammeStatus = 'launched' | 'budget-raised' | 'unchanged' | 'refused';

export interface ProgrammeOutcome {
  readonly programmeId: string;
  readonly name: string;
  readonly status: ProgrammeStatus;
  /** The grant budget after the import, when the programme exists. */
  readonly grantBudget?: Pence;
  /** Why the programme could not be launched or its budget raised. */
  readonly message?: string;
}

export interface ImportResult {
  /** Grants in the file. */
  readonly read: number;
  /** Grants this import wrote to the ledger. */
  readonly loaded: number;
  /** Grants the ledger already held exactly as the file has them (a re-import). */
  readonly alreadyThere: number;
  readonly invalid: readonly InvalidGrant[];
  readonly refused: readonly RefusedGrant[];
  readonly programmes: readonly ProgrammeOutcome[];
  /** Events this import appended, over every command it sent. */
  readonly eventsWritten: number;
  readonly ms: number;
}

/** How far an import has got: grants settled (loaded, already there, invalid or refused) of the file's. */
export interface ImportProgress {
  readonly done: number;
  readonly total: number;
  readonly elapsedMs: number;
}
