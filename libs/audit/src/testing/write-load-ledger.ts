/**
 * Writes a ledger for the verify load test, run as a child process from the build, as fast as the
 * CLI runs (`node dist/libs/audit/src/testing/write-load-ledger.js <file> <events> <streams>
 * <sealEvery>`): `events` events spread over `streams` streams, appended in large batches, sealed
 * after every `sealEvery` events and at the end. Prints one JSON line: events, streams, seals, ms.
 */
import { type NewEvent, openSqliteEventStore, type StreamWrite } from '@ledger/event-store';
import { Sealer } from '../seal/sealer.js';

const [file, eventsText = '100000', streamsText = '1234', sealEveryText = '25000'] = process.argv.slice(2);
if (file === undefined)
  throw new Error('usage: node write-load-ledger.js <file> [events] [streams] [sealEvery]');
const [events, streams, sealEvery] = [eventsText, streamsText, sealEveryText].map(Number) as [
  number,
  number,
  number,
];

const BATCH = 10_000;
const CATEGORIES = ['grant', 'innovator', 'introduction', 'partner', 'partnership'];

function loadEvent(n: number): NewEvent {
  const commandId = `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
  return {
    type: 'LoadTestEventRecorded',
    schemaVersion: 1,
    occurredAt: new Date(Date.UTC(2018, 0, 1) + n * 60_000).toISOString(),
    data: { n, amountPence: (n * 37) % 1_000_000, note: `event ${n} of the load test` },
    metadata: {
      actor: { id: 'load-writer', role: 'admin' },
      ...{ commandId, correlationId: commandId, causationId: commandId },
      source: 'cli',
    },
  };
}

/** Events `from` to `to` (exclusive) as one append, one write per stream. */
function batch(from: number, to: number): StreamWrite[] {
  const byStream = new Map<string, NewEvent[]>();
  for (let n = from; n < to; n += 1) {
    const index = (n * 7919) % streams;
    const stream = `${CATEGORIES[index % CATEGORIES.length] ?? 'grant'}-load-${index}`;
    byStream.set(stream, [...(byStream.get(stream) ?? []), loadEvent(n)]);
  }
  return [...byStream].map(([stream, list]) => ({ stream, expectedRevision: 'any', events: list }));
}

const started = performance.now();
const store = openSqliteEventStore({ file });
const sealer = new Sealer(store, { source: 'cli' });
let seals = 0;
for (let from = 0; from < events;) {
  // Batches end where a seal is due, so seal n covers exactly n × sealEvery events.
  const to = Math.min(from + BATCH, events, (Math.floor(from / sealEvery) + 1) * sealEvery);
  await store.appendMultiple(batch(from, to));
  if (to % sealEvery === 0 && (await sealer.seal())?.created) seals += 1;
  from = to;
}
if ((await sealer.seal())?.created) seals += 1;
await store.close();
process.stdout.write(
  `${JSON.stringify({ events, streams, seals, ms: Math.round(performance.now() - started) })}\n`,
);
