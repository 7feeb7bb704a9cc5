// The point of this file: what a multi-stream append writes, in which order, and what it answers.
import { describe, expect, test } from '@jest/globals';
import { newEvent } from '../contract/contract-helpers.js';
import type { ExpectedRevision, Position, StreamWrite } from '../port.js';
import { deriveEventId } from './esdb-event-ids.js';
import { chainEvents, NO_STREAM_HEAD } from './esdb-hash-chain.js';
import {
  appendResult,
  executionOrder,
  type PlannedWrite,
  planWrites,
  validateWrites,
} from './esdb-write-plan.js';

const CATEGORIES = ['programme', 'grant', 'introduction', 'partnership'];
const write = (stream: string, expectedRevision: ExpectedRevision, count = 1): StreamWrite => ({
  stream,
  expectedRevision,
  events: Array.from({ length: count }, (_, n) => newEvent({ n })),
});
const planned = (...writes: StreamWrite[]): PlannedWrite[] =>
  planWrites(
    writes,
    writes.map(() => NO_STREAM_HEAD),
    'cmd-1',
  );

describe('eventstoredb write plans', () => {
  test.each([
    ['no writes', [], 'at least one stream write'],
    ['a stream outside the categories', [write('other-1', 'any')], "outside this store's categories"],
    ['a stream twice', [write('grant-g1', 'any'), write('grant-g1', 0)], 'appears twice'],
    ['a write without events', [write('grant-g1', 'any', 0)], 'has no events'],
    ['a revision below -1', [write('grant-g1', -2)], 'is not a revision'],
    ['a fractional revision', [write('grant-g1', 1.5)], 'is not a revision'],
  ])('given %s, when validated, then refused', (_case, writes, message) => {
    expect(() => validateWrites(writes, CATEGORIES)).toThrow(message);
  });

  test('given an award written grant then programme, when ordered with the programme as boundary, then the programme goes first', () => {
    const writes = planned(write('grant-g1', 'no-stream'), write('programme-p1', 4));
    expect(executionOrder(writes, ['programme', 'introduction'])).toEqual([1, 0]);
  });

  test('given no boundaries, when ordered, then existing streams at exact revisions, then new streams, then any; ties keep the caller order', () => {
    const writes = planned(
      write('grant-a', 'any'),
      write('grant-b', 'no-stream'),
      write('grant-c', 3),
      write('grant-d', -1),
      write('grant-e', 0),
    );
    expect(executionOrder(writes, [])).toEqual([2, 4, 1, 3, 0]);
  });

  test('given a correction on two existing streams, when ordered, then the boundary beats the caller order', () => {
    const writes = planned(write('grant-g1', 7), write('programme-p1', 12));
    expect(executionOrder(writes, ['programme'])).toEqual([1, 0]);
    expect(executionOrder(writes, [])).toEqual([0, 1]);
  });

  test('given writes for a command, when planned, then ids are derived per stream and index, an explicit id wins, observed revisions kept', () => {
    const explicit = {
      ...write('grant-g1', 'no-stream', 2),
      events: [newEvent(), newEvent({}, { eventId: 'mine' })],
    };
    const [plannedWrite] = planWrites([explicit], [NO_STREAM_HEAD], 'cmd-1');
    expect(plannedWrite?.events.map((e) => e.eventId)).toEqual([
      deriveEventId('cmd-1', 'grant-g1', 0),
      'mine',
    ]);
    expect(plannedWrite?.observedRevision).toBe(-1);
  });

  test('given a stream observed at revision 6, when planned, then the events are hashed to chain from its head, in order, and the write is pinned there', () => {
    const head = { revision: 6, hash: 'ef'.repeat(32) };
    const [plannedWrite] = planWrites([write('grant-g1', 'any', 2)], [head], 'cmd-1');
    expect(plannedWrite?.observedRevision).toBe(6);
    const events = plannedWrite?.events ?? [];
    expect(events.map((e) => e.hash)).toEqual(chainEvents('grant-g1', head, events).map((e) => e.hash));
    expect(events[1]?.hash).not.toBe(events[0]?.hash);
  });

  test('given outcomes of writes executed in another order, when answered, then streams and ids in the caller order and the latest position', () => {
    const writes = planned(write('grant-g1', 'no-stream', 2), write('programme-p1', 4));
    const result = appendResult(writes, [
      { stream: 'grant-g1', revision: 1, position: '1000:1057' as Position },
      { stream: 'programme-p1', revision: 5, position: '999:999' as Position },
    ]);
    expect(result).toEqual({
      streams: [
        { stream: 'grant-g1', revision: 1 },
        { stream: 'programme-p1', revision: 5 },
      ],
      position: '1000:1057',
      eventIds: writes.flatMap((w) => w.events.map((e) => e.eventId)),
    });
    expect(() => appendResult(writes, [])).toThrow('one outcome per write');
  });
});
