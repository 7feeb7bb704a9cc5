import type { Kysely } from 'kysely';
import type { LedgerReadModels } from '@ledger/projections';

/** The read models a query runs on: the live ones, or the ones built as at a past position. */
export class ReadModelsView {
  constructor(private readonly db: Kysely<LedgerReadModels>) {}

  /**
   * The read store seen as one read model's tables. Kysely's database type is invariant, so the
   * full schema is narrowed here, once; `LedgerReadModels extends Tables` keeps it honest.
   */
  model<Tables>(): LedgerReadModels extends Tables ? Kysely<Tables> : never {
    return this.db as unknown as LedgerReadModels extends Tables ? Kysely<Tables> : never;
  }
}
