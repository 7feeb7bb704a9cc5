// The point of this file: expected and current revisions mean the same on both sides of the client.
import { describe, expect, test } from '@jest/globals';
import { ANY, NO_STREAM, STREAM_EXISTS } from '@eventstore/db-client';
import {
  fromEsdbExpectedRevision,
  fromEsdbRevision,
  revisionHolds,
  toEsdbExpectedRevision,
  toRevision,
} from './esdb-revisions.js';

describe('eventstoredb revisions', () => {
  test('given the port expected revisions, when mapped to the client, then any, no_stream and bigints', () => {
    expect(toEsdbExpectedRevision('any')).toBe(ANY);
    expect(toEsdbExpectedRevision('no-stream')).toBe(NO_STREAM);
    expect(toEsdbExpectedRevision(-1)).toBe(NO_STREAM);
    expect(toEsdbExpectedRevision(0)).toBe(0n);
    expect(toEsdbExpectedRevision(41)).toBe(41n);
  });

  test('given the client expected revisions, when mapped back, then the port values', () => {
    expect(fromEsdbExpectedRevision(ANY)).toBe('any');
    expect(fromEsdbExpectedRevision(NO_STREAM)).toBe('no-stream');
    expect(fromEsdbExpectedRevision(41n)).toBe(41);
    expect(() => fromEsdbExpectedRevision(STREAM_EXISTS)).toThrow('no equivalent');
  });

  test('given current revisions from the server, when mapped, then no_stream is -1 and bigints are numbers', () => {
    expect(fromEsdbRevision(NO_STREAM)).toBe(-1);
    expect(fromEsdbRevision(0n)).toBe(0);
    expect(fromEsdbRevision(9999n)).toBe(9999);
    expect(() => toRevision(2n ** 53n)).toThrow('out of range');
  });

  test('given expectations and actual revisions, when checked up front, then they hold as the server would decide', () => {
    expect([-1, 0, 5].map((actual) => revisionHolds('any', actual))).toEqual([true, true, true]);
    expect([-1, 0].map((actual) => revisionHolds('no-stream', actual))).toEqual([true, false]);
    expect([-1, 2, 3].map((actual) => revisionHolds(2, actual))).toEqual([false, true, false]);
    expect(revisionHolds(-1, -1)).toBe(true);
  });
});
