import { BadRequestException, Inject, Injectable, ServiceUnavailableException } from '@nestjs/common';
import type { Kysely } from 'kysely';
import { EVENT_STORE, type EventStore, type Position } from '@ledger/event-store';
import {
  AsAtError,
  type LedgerReadModels,
  type ProjectionRunner,
  type ReadModelsAtCache,
  resolveAsAt,
} from '@ledger/projections';
import type { ReadStore } from '@ledger/read-store';
import { problem } from '../http/problem-details.js';
import { projectionFailed } from './projection-failed.js';
import { ReadModelsView } from './read-models.view.js';
import { PROJECTION_RUNNER, READ_MODELS_AT, READ_STORE } from './read-models.tokens.js';

/** How long a query with `?atLeast=` waits for the read models to catch up before answering 503. */
export const READ_YOUR_WRITES_TIMEOUT_MS = 5_000;

/** When a query answers: now (after `atLeast`, if given), or as the ledger stood at `asAt`. */
export interface ReadModelsWhen {
  readonly atLeast?: string;
  readonly asAt?: string;
}

/** Where the position an answer was computed at is stated (an HTTP response). */
export interface PositionHeader {
  setHeader(name: string, value: string): unknown;
}

/** The read store and the runner behind every query, with read-your-writes and time travel. */
@Injectable()
export class ReadModels {
  private readonly live: ReadModelsView;

  constructor(
    @Inject(READ_STORE) readStore: ReadStore<LedgerReadModels>,
    @Inject(PROJECTION_RUNNER) readonly runner: ProjectionRunner<LedgerReadModels>,
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(READ_MODELS_AT) private readonly past: ReadModelsAtCache<LedgerReadModels>,
  ) {
    this.live = new ReadModelsView(readStore.db);
  }

  /** The live read store seen as one read model's tables (see ReadModelsView). */
  model<Tables>(): LedgerReadModels extends Tables ? Kysely<Tables> : never {
    return this.live.model<Tables>();
  }

  /**
   * Runs a query on the live read models (once the named projections reached `atLeast`), or with
   * `asAt` on read models built from the log up to that position or instant, stating the position
   * in `X-Ledger-Position`. Where a named projection has failed (live, or while being built as at
   * then), answers 503 PROJECTION.FAILED naming it, the event and the error (ADR 0018).
   *
   * @example
   * return this.readModels.read(query, ['grant-register'], res, (view) => listGrants(view.model(), filters));
   */
  async read<T>(
    when: ReadModelsWhen,
    projections: readonly string[],
    header: PositionHeader,
    query: (view: ReadModelsView) => Promise<T>,
  ): Promise<T> {
    if (when.asAt === undefined) {
      await this.caughtUp(when.atLeast, projections);
      // Even at or past `atLeast`: rows a failure froze must not pass for the ledger of now.
      await this.assertNotFailed(projections);
      return query(this.live);
    }
    const { asAt } = when;
    return this.past.use(await this.resolveAsAt(asAt), async ({ readStore, position, failures }) => {
      const failed = failures.filter((failure) => projections.includes(failure.name));
      if (failed.length > 0) throw projectionFailed(failed, asAt);
      if (position !== undefined) header.setHeader('X-Ledger-Position', position);
      return query(new ReadModelsView(readStore.db));
    });
  }

  /**
   * Waits until the named projections have applied the event at `atLeast` (a position a command
   * answered with). Without `atLeast` it answers at once with what the read models hold. A position
   * past the head of the log was never answered by a command: 400 at once, rather than a wait for
   * an event that may never come and a 503 blaming the read models.
   */
  async caughtUp(atLeast: string | undefined, projections: readonly string[]): Promise<void> {
    if (atLeast === undefined) return;
    const position = this.parsePosition(atLeast);
    const head = await this.events.headPosition();
    if (head === undefined || this.events.comparePositions(position, head) > 0) {
      const where = head === undefined ? 'the ledger is empty' : `the head of the ledger is position ${head}`;
      throw invalidField('atLeast', `atLeast ${atLeast} is past the head of the ledger: ${where}`);
    }
    if (await this.runner.waitFor(position, projections, READ_YOUR_WRITES_TIMEOUT_MS)) return;
    // A failed projection never reaches the position: say so, rather than that it is behind.
    await this.assertNotFailed(projections);
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

  /** 503 PROJECTION.FAILED when one of the named projections is stopped by a failure. */
  async assertNotFailed(projections: readonly string[]): Promise<void> {
    const failed = await this.runner.failures(projections);
    if (failed.length > 0) throw projectionFailed(failed);
  }

  /** A position a client sent back; 400 naming the field when it is not one of this store's. */
  parsePosition(text: string, field = 'atLeast'): Position {
    const position = this.events.parsePosition(text);
    if (position) return position;
    throw invalidField(field, `${field} must be a position returned by a command`);
  }

  private async resolveAsAt(asAt: string): Promise<Position | undefined> {
    try {
      return await resolveAsAt(this.events, asAt);
    } catch (error) {
      if (error instanceof AsAtError) throw invalidField('asAt', error.message);
      throw error;
    }
  }
}

function invalidField(field: string, message: string): BadRequestException {
  return new BadRequestException(
    problem(400, 'REQUEST.INVALID', 'The request is not valid', message, {
      errors: [{ field, messages: [message] }],
    }),
  );
}
