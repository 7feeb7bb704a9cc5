// The point of this file: EventStoreDB positions survive the trip through text and order as the log does.
import { describe, expect, test } from '@jest/globals';
import type { Position } from '../port.js';
import { comparePositions, decodePosition, encodePosition, parsePosition } from './esdb-positions.js';

const at = (commit: bigint, prepare: bigint): Position => encodePosition({ commit, prepare });

describe('eventstoredb positions', () => {
  test('given commit 1000 and prepare 1057, when encoded and decoded, then the same offsets come back', () => {
    const position = at(1000n, 1057n);
    expect(decodePosition(position)).toEqual({ commit: 1000n, prepare: 1057n });
    expect(parsePosition(position)).toBe(position);
  });

  test('given the largest offsets, when round-tripped, then no precision is lost', () => {
    const max = 2n ** 64n - 1n;
    expect(decodePosition(at(max, max))).toEqual({ commit: max, prepare: max });
  });

  test('given positions across a digit boundary, when compared, then commit orders first and prepare breaks ties', () => {
    const sorted = [at(999n, 999n), at(999n, 1056n), at(1000n, 0n), at(1000n, 1000n), at(10_000n, 9n)];
    const shuffled = [sorted[3], sorted[0], sorted[4], sorted[2], sorted[1]] as Position[];
    expect([...shuffled].sort(comparePositions)).toEqual(sorted);
    expect(comparePositions(at(5n, 7n), at(5n, 7n))).toBe(0);
    expect(comparePositions(at(999n, 1056n), at(1000n, 0n))).toBe(-1);
    expect(comparePositions(at(1000n, 0n), at(999n, 1056n))).toBe(1);
  });

  test.each([
    '',
    'not-a-position',
    '-1',
    '12',
    '12:',
    ':12',
    '1:2:3',
    '01:2',
    '1:02',
    '1.5:2',
    ' 1:2',
    '1:-2',
    `${2n ** 64n}:0`,
  ])('given the text "%s", when parsed, then it is not a position', (text) => {
    expect(parsePosition(text)).toBeUndefined();
    expect(() => decodePosition(text)).toThrow('Not a position of the EventStoreDB event store');
  });

  test('given a negative offset, when encoded, then it is refused', () => {
    expect(() => encodePosition({ commit: -1n, prepare: 0n })).toThrow('Not an EventStoreDB position');
  });
});
