import type Database from 'better-sqlite3';

interface Job<T> {
  readonly work: () => T;
  readonly resolve: (value: T) => void;
  readonly reject: (error: unknown) => void;
}

type Outcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: unknown };

/** The whole transaction is gone (SQLite rolled it back on an I/O error): nothing of the batch holds. */
class BatchAborted extends Error {}

export interface GroupCommitStats {
  /** Transactions committed (one fsync each). */
  readonly flushes: number;
  /** Append requests in committed flushes, including those refused inside their savepoint. */
  readonly appends: number;
}

/**
 * Group commit: requests queued while the event loop is busy are flushed together in one SQLite
 * transaction, so many concurrent appends share one fsync. Each request runs in its own SAVEPOINT:
 * one that throws (a stale revision, a reused command id) is rolled back alone and rejected, while
 * the others commit. Promises settle only after COMMIT returned, so an acknowledged append is durable.
 */
export class GroupCommitQueue<T> {
  private readonly pending: Job<T>[] = [];
  private scheduled = false;
  private idleWaiters: (() => void)[] = [];
  private counters = { flushes: 0, appends: 0 };
  /** Prepared once: parsing these on every request cost more than the savepoints themselves. */
  private readonly sql: Readonly<
    Record<'begin' | 'commit' | 'savepoint' | 'release' | 'rollbackTo', Database.Statement>
  >;

  constructor(
    private readonly db: Database.Database,
    private readonly options: {
      readonly maxBatch: number;
      readonly translateError: (error: unknown) => unknown;
      readonly onCommit: () => void;
    },
  ) {
    this.sql = {
      begin: db.prepare('BEGIN IMMEDIATE'),
      commit: db.prepare('COMMIT'),
      savepoint: db.prepare('SAVEPOINT append'),
      release: db.prepare('RELEASE append'),
      rollbackTo: db.prepare('ROLLBACK TO append'),
    };
  }

  /** Runs `work` (synchronous, inside its savepoint) in the next flush. */
  enqueue(work: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.pending.push({ work, resolve, reject });
      this.schedule();
    });
  }

  /** Resolves once every queued request has been flushed and settled. */
  drain(): Promise<void> {
    if (!this.scheduled && this.pending.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  stats(): GroupCommitStats {
    return { ...this.counters };
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    // setImmediate, not a microtask: callers already in the event loop get to join this batch.
    setImmediate(() => this.flush());
  }

  private flush(): void {
    this.scheduled = false;
    const batch = this.pending.splice(0, this.options.maxBatch);
    if (this.pending.length > 0) this.schedule();
    const outcomes = this.runBatch(batch);
    batch.forEach((job, index) => settle(job, outcomes[index]));
    if (!this.scheduled) this.notifyIdle();
  }

  private runBatch(batch: readonly Job<T>[]): readonly Outcome<T>[] {
    let outcomes: readonly Outcome<T>[];
    try {
      this.sql.begin.run();
      outcomes = batch.map((job) => this.runInSavepoint(job));
      this.sql.commit.run();
    } catch (error) {
      this.rollbackQuietly();
      const cause = error instanceof BatchAborted ? error.cause : error;
      const failure = { ok: false, error: this.options.translateError(cause) } as const;
      return batch.map(() => failure);
    }
    this.counters.flushes += 1;
    this.counters.appends += batch.length;
    if (outcomes.some((outcome) => outcome.ok)) this.options.onCommit();
    return outcomes;
  }

  private runInSavepoint(job: Job<T>): Outcome<T> {
    this.sql.savepoint.run();
    try {
      const value = job.work();
      this.sql.release.run();
      return { ok: true, value };
    } catch (error) {
      if (!this.db.inTransaction) throw new BatchAborted('transaction rolled back', { cause: error });
      this.sql.rollbackTo.run();
      this.sql.release.run();
      return { ok: false, error: this.options.translateError(error) };
    }
  }

  /** The batch has already failed with the first error; a failing ROLLBACK adds nothing to report. */
  private rollbackQuietly(): void {
    try {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
    } catch {
      // SQLite ends the transaction itself when ROLLBACK fails on an I/O error.
    }
  }

  private notifyIdle(): void {
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    waiters.forEach((resolve) => resolve());
  }
}

function settle<T>(job: Job<T>, outcome: Outcome<T> | undefined): void {
  if (outcome === undefined) job.reject(new Error('Group commit lost track of a request'));
  else if (outcome.ok) job.resolve(outcome.value);
  else job.reject(outcome.error);
}
