// The point of this file: a retried command writes the same event ids; unrelated appends never share one.
import { describe, expect, test } from '@jest/globals';
import { UUID } from '../contract/contract-helpers.js';
import { deriveEventId, eventIdsFor } from './esdb-event-ids.js';

describe('eventstoredb event ids', () => {
  test('given a command id, a stream and an index, when derived twice, then the same UUID v5', () => {
    const id = deriveEventId('cmd-1', 'grant-g1', 0);
    expect(deriveEventId('cmd-1', 'grant-g1', 0)).toBe(id);
    expect(id).toMatch(UUID);
    expect(id[14]).toBe('5');
    expect(['8', '9', 'a', 'b']).toContain(id[19]);
  });

  test('given one differing input, when derived, then the ids differ', () => {
    const ids = [
      deriveEventId('cmd-1', 'grant-g1', 0),
      deriveEventId('cmd-2', 'grant-g1', 0),
      deriveEventId('cmd-1', 'grant-g2', 0),
      deriveEventId('cmd-1', 'grant-g1', 1),
      // Joined naively, these two would both read "cmd-1grant-g1".
      deriveEventId('cmd-1g', 'rant-g1', 0),
    ];
    expect(new Set(ids).size).toBe(5);
  });

  test('given events with and without an explicit id, when ids are chosen for a command, then the explicit id wins and the rest are derived by index', () => {
    const ids = eventIdsFor([{}, { eventId: 'chosen' }, {}], 'grant-g1', 'cmd-1');
    expect(ids).toEqual([
      deriveEventId('cmd-1', 'grant-g1', 0),
      'chosen',
      deriveEventId('cmd-1', 'grant-g1', 2),
    ]);
  });

  test('given no command id, when ids are chosen, then they are random UUIDs, different on every call', () => {
    const [first, second] = [
      eventIdsFor([{}], 'grant-g1', undefined),
      eventIdsFor([{}], 'grant-g1', undefined),
    ];
    expect(first[0]).toMatch(UUID);
    expect(first[0]).not.toBe(second[0]);
  });
});
