import { Inject, Injectable, ServiceUnavailableException, BadRequestException } from '@nestjs/common';
import type { Kysely } from 'kysely';
import { EVENT_STORE, type EventStore, type Position } from '@ledger/event-store';
import type { LedgerReadModels, ProjectionRunner } from '@ledger/projections';
import type { ReadStore } from '@ledger/read-store';
import { problem } from '../http/problem-details.js';
import { PROJECTION_RUNNER, READ_STORE } from './read-models.tokens.js';

/** How long a query with `?atLeast=` waits for the read models to catch up before answering 503. */
export const READ_YOUR_WRITES_TIMEOUT_MS = 5_000;

/** The read store and the runner behind every query, with read-your-writes. */
@Injectable()
export class ReadModels {
  constructor(
    @Inject(READ_STORE) private readonly readStore: ReadStore<LedgerReadModels>,
    @Inject(PROJECTION_RUNNER) readonly runner: ProjectionRunner<LedgerReadModels>,
    @Inject(EVENT_STORE) private readonly events: EventStore,
  ) {}

  /**
   * The read store seen as one read model's tables. Kysely's database type is invariant, so the
   * full schema is narrowed here, once; `LedgerReadModels extends Tables` keeps it honest.
   */
  model<Tables>(): LedgerReadModels extends Tables ? Kysely<Tables> : never {
    return this.readStore.db as unknown as LedgerReadModels extends Tables ? Kysely<Tables> : never;
  }

  /**
   * Waits until the named projections have applied the event at `atLeast` (a position a command
   * answered with). Without `atLeast` it answers at once with what the read models hold.
   */
  async caughtUp(atLeast: string | undefined, projections: readonly string[]): Promise<void> {
    if (atLeast === undefined) return;
    const position = this.parsePosition(atLeast);
    if (await this.runner.waitFor(position, projections, READ_YOUR_WRITES_TIMEOUT_MS)) return;
    const behind = (await this.runner.status()).filter((s) => projections.includes(s.name));
    throw new ServiceUnavailableException(
      problem(
        503,
        'READ_MODEL.BEHIND',
        'The read model has not caught up',
        `Not yet at position ${atLeast}`,
        {
          projections: behind.map(({ name, status, position, error }) => ({ name, status, position, error })),
        },
      ),
    );
  }

  /** The position one projection has applied up to, read in the same transaction as its rows. */
  parsePosition(text: string): Position {
    const position = this.events.parsePosition(text);
    if (position) return position;
    const message = 'atLeast must be a position returned by a command';
    throw new BadRequestException(
      problem(400, 'REQUEST.INVALID', 'The request is not valid', message, {
        errors: [{ field: 'atLeast', messages: [message] }],
      }),
    );
  }
}
