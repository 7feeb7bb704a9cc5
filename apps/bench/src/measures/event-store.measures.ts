import type { EventStore } from '@ledger/event-store';
import { readAppends } from '../workload/workload-file.js';
import { type Throughput, throughput } from './measure.js';

export interface BatchedAppend {
  readonly all: Throughput;
  /** The first and the last 10,000 events: does appending slow down as the log (and its indexes) grow? */
  readonly first10k: Throughput;
  readonly last10k: Throughput;
  readonly appends: number;
}

const WINDOW = 10_000;

/**
 * Appends the workload line by line: each line is one atomic append of about 100 events (whole
 * commands, every stream at its exact expected revision), one fsync'd commit each; only the appends
 * are timed.
 */
export async function measureBatchedAppend(store: EventStore, workload: string): Promise<BatchedAppend> {
  const marks: { events: number; ms: number }[] = [{ events: 0, ms: 0 }];
  let events = 0;
  let ms = 0;
  let appends = 0;
  for await (const { writes } of readAppends(workload)) {
    const started = performance.now();
    await store.appendMultiple(writes);
    ms += performance.now() - started;
    events += writes.reduce((sum, write) => sum + write.events.length, 0);
    appends += 1;
    marks.push({ events, ms });
  }
  const at = (count: number) => marks.find((mark) => mark.events >= count) ?? { events, ms };
  const first = at(Math.min(WINDOW, events));
  const lastStart = [...marks].reverse().find((mark) => mark.events <= events - WINDOW) ?? {
    events: 0,
    ms: 0,
  };
  return {
    all: throughput(events, ms),
    first10k: throughput(first.events, first.ms),
    last10k: throughput(events - lastStart.events, ms - lastStart.ms),
    appends,
  };
}

/** Reads the whole log from the start in pages of 1,000, as a reporting job would. */
export async function measureReadAll(store: EventStore): Promise<Throughput> {
  const started = performance.now();
  let count = 0;
  let after: Awaited<ReturnType<EventStore['headPosition']>>;
  for (;;) {
    const page = await store.readAll({ ...(after === undefined ? {} : { after }), maxCount: 1000 });
    if (page.length === 0) break;
    count += page.length;
    after = page.at(-1)?.globalPosition;
  }
  return throughput(count, performance.now() - started);
}

/** A catch-up subscription from position 0 until it has delivered `expected` events. */
export async function measureCatchUp(store: EventStore, expected: number): Promise<Throughput> {
  const started = performance.now();
  const subscription = store.subscribe({ batchSize: 1000 });
  let count = 0;
  try {
    for await (const batch of subscription) {
      count += batch.length;
      if (count >= expected) break;
    }
  } finally {
    await subscription.close();
  }
  return throughput(count, performance.now() - started);
}
