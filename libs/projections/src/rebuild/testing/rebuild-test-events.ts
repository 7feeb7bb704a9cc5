import { randomUUID } from 'node:crypto';
import type { EventStore, NewEvent, Position, StreamWrite } from '@ledger/event-store';
import { AMOUNT_ADDED, REMARK_MADE } from './rebuild-test-projections.js';

const STREAMS = 50;
const EVENTS_PER_APPEND = 2500;

function testEvent(type: string, data: unknown): NewEvent {
  const commandId = randomUUID();
  return {
    type,
    data,
    schemaVersion: 1,
    occurredAt: '2019-05-01T10:00:00.000Z',
    metadata: {
      actor: { id: 'rebuild-test', role: 'admin' },
      ...{ commandId, correlationId: commandId, causationId: commandId },
      source: 'cli',
    },
  };
}

/** The n-th generated event: an amount, every tenth a remark the totals ignore. */
export function nthEvent(n: number): NewEvent {
  return n % 10 === 9
    ? testEvent(REMARK_MADE, { text: `remark ${n}` })
    : testEvent(AMOUNT_ADDED, { amount: n % 97 });
}

/** Appends `count` events over STREAMS streams in large atomic appends; returns the head. */
export async function appendTestEvents(store: EventStore, count: number, first = 0): Promise<Position> {
  for (let start = first; start < first + count; start += EVENTS_PER_APPEND) {
    const size = Math.min(EVENTS_PER_APPEND, first + count - start);
    const writes = Array.from({ length: STREAMS }, (_, s): StreamWrite => ({
      stream: `rebuild-${s}`,
      expectedRevision: 'any',
      events: Array.from({ length: Math.ceil(size / STREAMS) }, (_, k) => start + k * STREAMS + s)
        .filter((n) => n < start + size)
        .map(nthEvent),
    })).filter((write) => write.events.length > 0);
    await store.appendMultiple(writes);
  }
  const head = await store.headPosition();
  if (head === undefined) throw new Error('nothing was appended');
  return head;
}
