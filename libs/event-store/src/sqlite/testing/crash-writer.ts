/**
 * The writer of the crash test, run as a child process from the build
 * (`node dist/libs/event-store/src/sqlite/testing/crash-writer.js <file> [workers]`). It appends
 * without pause, several appends in flight at once, and prints "ack <eventId> <stream> <revision>"
 * for each event only after its append promise resolved: every printed line is a promise of
 * durability that the test, after SIGKILL, holds the store to.
 */
import { randomUUID } from 'node:crypto';
import { type AppendResult, type NewEvent, openSqliteEventStore, type StreamWrite } from '../../index.js';

const [file, workersText = '12'] = process.argv.slice(2);
if (file === undefined) throw new Error('usage: node crash-writer.js <file> [workers]');
const store = openSqliteEventStore({ file });

function newEvent(n: number): NewEvent {
  const commandId = randomUUID();
  return {
    type: 'CrashTestEventAppended',
    data: { n, padding: 'x'.repeat(n % 500) },
    schemaVersion: 1,
    occurredAt: new Date().toISOString(),
    metadata: {
      actor: { id: 'crash-writer', role: 'admin' },
      ...{ commandId, correlationId: commandId, causationId: commandId },
      source: 'cli',
    },
  };
}

/** One worker owns its streams, so it knows their revisions and appends with exact expectations. */
async function worker(index: number): Promise<never> {
  const streams = [0, 1, 2].map((s) => `crash-w${index}-s${s}`);
  const revisions = new Map<string, number>();
  for (const stream of streams)
    revisions.set(stream, (await store.readStream(stream, { maxCount: 0 })).revision);
  for (let n = 0; ; n += 1) {
    // Every fourth append writes two streams at once, so kills also land inside multi-stream appends.
    const chosen = n % 4 === 3 ? [streams[n % 3], streams[(n + 1) % 3]] : [streams[n % 3]];
    const writes = chosen.map((stream = '') => {
      const revision = revisions.get(stream) ?? -1;
      const events = Array.from({ length: 1 + (n % 3) }, (_, k) => newEvent(n * 3 + k));
      return { stream, expectedRevision: revision === -1 ? 'no-stream' : revision, events } as const;
    });
    acknowledge(writes, await store.appendMultiple(writes), revisions);
  }
}

function acknowledge(
  writes: readonly StreamWrite[],
  result: AppendResult,
  revisions: Map<string, number>,
): void {
  const lines: string[] = [];
  let next = 0;
  for (const { stream, events } of writes) {
    const first = (revisions.get(stream) ?? -1) + 1;
    events.forEach((_, k) => lines.push(`ack ${result.eventIds[next + k] ?? '?'} ${stream} ${first + k}\n`));
    next += events.length;
    revisions.set(stream, first + events.length - 1);
  }
  process.stdout.write(lines.join(''));
}

await Promise.all(Array.from({ length: Number(workersText) }, (_, index) => worker(index)));
