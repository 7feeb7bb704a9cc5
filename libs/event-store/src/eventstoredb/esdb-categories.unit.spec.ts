// The point of this file: the store sees the ledger's streams only, never system events or its own records.
import { describe, expect, test } from '@jest/globals';
import {
  categoryFilter,
  commandStream,
  inCategories,
  isLedgerEvent,
  validateCategories,
} from './esdb-categories.js';

const CATEGORIES = ['programme', 'grant'];

describe('eventstoredb categories', () => {
  test('given stream names, when matched against the categories, then only <category>-<id> streams are in', () => {
    const streams = [
      'grant-g1',
      'programme-p-1',
      'grants-g1',
      'grant',
      'other-grant-1',
      '$$grant-g1',
      commandStream('c-1'),
    ];
    expect(streams.filter((stream) => inCategories(stream, CATEGORIES))).toEqual([
      'grant-g1',
      'programme-p-1',
    ]);
  });

  test('given a system event type in a ledger stream, when filtered, then it is not a ledger event', () => {
    expect(isLedgerEvent({ streamId: 'grant-g1', type: 'GrantAwarded' }, CATEGORIES)).toBe(true);
    expect(isLedgerEvent({ streamId: 'grant-g1', type: '$>' }, CATEGORIES)).toBe(false);
    expect(isLedgerEvent({ streamId: '$stats-127.0.0.1:2113', type: '$statsCollection' }, CATEGORIES)).toBe(
      false,
    );
    expect(isLedgerEvent({ streamId: commandStream('c-1'), type: 'CommandPlanned' }, CATEGORIES)).toBe(false);
  });

  test('given the categories, when building the subscription filter, then the server filters stream names by their prefixes', () => {
    expect(categoryFilter(CATEGORIES)).toMatchObject({
      filterOn: 'streamName',
      prefixes: ['programme-', 'grant-'],
    });
  });

  test('given categories that cannot name ledger streams, when validated, then they are refused with the reason', () => {
    expect(validateCategories(['test'])).toEqual(['test']);
    expect(() => validateCategories([])).toThrow('at least one category');
    expect(() => validateCategories(['grant-award'])).toThrow('"grant-award" is not a stream category');
    expect(() => validateCategories(['$all'])).toThrow('not a stream category');
    expect(() => validateCategories(['ledger_command'])).toThrow('reserved');
  });
});
