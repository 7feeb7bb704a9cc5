import { randomUUID } from 'node:crypto';
import type { NewEvent } from '@ledger/event-store';
import { AMOUNT_RECORDED, NOTE_ADDED } from './test-projections.js';

function testEvent(type: string, data: unknown): NewEvent {
  const commandId = randomUUID();
  return {
    type,
    data,
    schemaVersion: 1,
    occurredAt: '2018-03-01T10:00:00.000Z',
    metadata: {
      actor: { id: 'runner-test', role: 'admin' },
      ...{ commandId, correlationId: commandId, causationId: commandId },
      source: 'cli',
    },
  };
}

/** An event the amount sum adds up; `amount` may be made malformed on purpose. */
export function amountRecorded(amount: unknown): NewEvent {
  return testEvent(AMOUNT_RECORDED, { amount });
}

/** An event only the counter and the log handle. */
export function noteAdded(text = 'note'): NewEvent {
  return testEvent(NOTE_ADDED, { text });
}
