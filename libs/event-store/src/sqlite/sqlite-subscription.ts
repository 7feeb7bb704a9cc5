import type { EventSubscription, RecordedEvent } from '../port.js';
import type { ChangeSignal } from './change-signal.js';
import { toSequence } from './sqlite-positions.js';

/**
 * How often an idle subscription re-reads the file: appends made through this store instance wake
 * it at once, but another process appending to the same file can only be seen by looking.
 */
export const POLL_INTERVAL_MS = 200;

export interface SubscriptionSource {
  /** Up to `limit` events with a position above `sequence`, in position order. */
  readAfter(sequence: number, limit: number): readonly RecordedEvent[];
  readonly changes: ChangeSignal;
}

/**
 * A catch-up subscription that never switches mode: it always reads "after the last position
 * delivered". Positions are assigned under the write lock in commit order, so a later commit can
 * never land below that cursor, and nothing is lost or repeated between catch-up and live.
 */
export class SqliteSubscription implements EventSubscription {
  private closed = false;
  private wake: (() => void) | undefined;

  constructor(
    private readonly source: SubscriptionSource,
    private cursor: number,
    private readonly batchSize: number,
    private readonly onClose: (subscription: SqliteSubscription) => void,
  ) {}

  async *[Symbol.asyncIterator](): AsyncGenerator<readonly RecordedEvent[], void, undefined> {
    try {
      while (!this.closed) {
        const batch = this.source.readAfter(this.cursor, this.batchSize);
        const last = batch.at(-1);
        if (last === undefined) {
          await this.idle();
          continue;
        }
        this.cursor = toSequence(last.globalPosition);
        yield batch;
      }
    } finally {
      // A consumer that breaks out of `for await` has finished with the subscription.
      await this.close();
    }
  }

  close(): Promise<void> {
    if (!this.closed) {
      this.closed = true;
      this.wake?.();
      this.onClose(this);
    }
    return Promise.resolve();
  }

  /** Waits for a commit through this store, the next poll, or close(), whichever comes first. */
  private idle(): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        cancel();
        this.wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, POLL_INTERVAL_MS);
      const cancel = this.source.changes.once(done);
      this.wake = done;
    });
  }
}
