import { describe, expect, test } from '@jest/globals';
import { eventHash, type Position, type RecordedEvent } from '@ledger/event-store';
import { StreamChecks } from './stream-checks.js';
import type { VerifyFailure } from './verify-result.js';

/** The events of one stream, chained as a store would store them, at positions 1, 2, ... */
function chained(stream: string, count: number): RecordedEvent[] {
  let previous: string | null = null;
  return Array.from({ length: count }, (_, revision) => {
    const content = {
      eventId: `${stream}-${revision}`,
      type: 'TestEventRecorded',
      stream,
      streamRevision: revision,
      occurredAt: '2018-01-01T00:00:00.000Z',
      schemaVersion: 1,
      data: { n: revision },
      metadata: {
        actor: { id: 'a', role: 'admin' },
        ...{ commandId: 'c', correlationId: 'c', causationId: 'c' },
        source: 'api' as const,
      },
    };
    previous = eventHash(content, previous);
    const position = String(revision + 1) as Position;
    return { ...content, globalPosition: position, recordedAt: content.occurredAt, hash: previous };
  });
}

function check(events: readonly RecordedEvent[]): VerifyFailure[] {
  const failures: VerifyFailure[] = [];
  const checks = new StreamChecks((failure) => failures.push(failure));
  events.forEach((event) => checks.check(event, true));
  checks.finish();
  return failures;
}

describe('StreamChecks', () => {
  test('given a stream read in order, when checked, then nothing fails and every event is re-hashed', () => {
    const failures: VerifyFailure[] = [];
    const checks = new StreamChecks((failure) => failures.push(failure));
    chained('grant-g1', 4).forEach((event) => checks.check(event, true));

    expect(failures).toEqual([]);
    expect(checks.rehashed).toBe(4);
  });

  test('given a revision read twice, when checked, then the second is inserted', () => {
    const [e0, e1, e2] = chained('grant-g1', 3) as [RecordedEvent, RecordedEvent, RecordedEvent];

    expect(check([e0, e1, e2, { ...e1, eventId: 'copy', globalPosition: '9' as Position }])).toEqual([
      expect.objectContaining({ kind: 'inserted', stream: 'grant-g1', revision: 1, eventId: 'copy' }),
    ]);
  });

  test('given a revision skipped and never read, when checked, then it is missing; read later, it is reordered', () => {
    const [e0, e1, e2] = chained('grant-g1', 3) as [RecordedEvent, RecordedEvent, RecordedEvent];

    expect(check([e0, e2])).toEqual([
      expect.objectContaining({ kind: 'missing', stream: 'grant-g1', revision: 1, position: '3' }),
    ]);
    expect(check([e0, e2, e1])).toEqual([
      expect.objectContaining({ kind: 'reordered', stream: 'grant-g1', revision: 1, position: '2' }),
    ]);
  });

  test('given revisions 1 to 4 skipped and 3 read later, then 3 is reordered and the runs 1 to 2 and 4 are missing', () => {
    const events = chained('grant-g1', 6);
    const read = [0, 5, 3].flatMap((revision) => events.slice(revision, revision + 1));

    expect(check(read)).toEqual([
      expect.objectContaining({ kind: 'reordered', revision: 3 }),
      expect.objectContaining({
        kind: 'missing',
        revision: 1,
        message: expect.stringContaining('has no revisions 1 to 2'),
      }),
      expect.objectContaining({
        kind: 'missing',
        revision: 4,
        message: expect.stringContaining('has no revision 4:'),
      }),
    ]);
  });
});
