// The point of this file: a command id is answered from its record: replayed, completed, refused or planned.
import { describe, expect, test } from '@jest/globals';
import { IdempotencyKeyReusedError } from '../errors.js';
import {
  type CommandLogEvent,
  type CommandPlan,
  foldCommandLog,
  nextStep,
  type StoredResult,
  toCommandLogEvent,
} from './esdb-command-log.js';

const plan: CommandPlan = { fingerprint: 'f-1', writes: [], order: [] };
const result: StoredResult = {
  streams: [{ stream: 'grant-g1', revision: 0 }],
  position: '1:1' as StoredResult['position'],
  eventIds: ['e-1'],
};
const planned: CommandLogEvent = { type: 'CommandPlanned', data: plan };
const completed: CommandLogEvent = { type: 'CommandCompleted', data: { result } };
const abandoned: CommandLogEvent = {
  type: 'CommandAbandoned',
  data: { stream: 'programme-p1', expected: 3, actual: 4 },
};

describe('eventstoredb command log', () => {
  test('given no record, when the command comes, then it is planned', () => {
    expect(nextStep(foldCommandLog([]), 'c-1', 'f-1')).toEqual({ kind: 'plan' });
  });

  test('given a completed command, when it comes again with its fingerprint or none, then its first result is replayed', () => {
    const state = foldCommandLog([planned, completed]);
    expect(nextStep(state, 'c-1', 'f-1')).toEqual({ kind: 'replay', result });
    expect(nextStep(state, 'c-1', undefined)).toEqual({ kind: 'replay', result });
  });

  test('given a plan without completion, when the command comes again, then the plan is completed', () => {
    expect(nextStep(foldCommandLog([planned]), 'c-1', 'f-1')).toEqual({ kind: 'complete', plan });
  });

  test('given an abandoned plan, when the command comes again, even as another command, then it is planned afresh', () => {
    const state = foldCommandLog([planned, abandoned]);
    expect(nextStep(state, 'c-1', 'f-2')).toEqual({ kind: 'plan' });
    expect(
      foldCommandLog([planned, abandoned, { ...planned, data: { ...plan, fingerprint: 'f-2' } }, completed]),
    ).toMatchObject({
      status: 'completed',
      plan: { fingerprint: 'f-2' },
    });
  });

  test.each([
    ['completed', [planned, completed]],
    ['planned', [planned]],
  ])(
    'given a %s command, when its id comes with another fingerprint, then IdempotencyKeyReusedError',
    (_status, events) => {
      expect(() => nextStep(foldCommandLog(events as CommandLogEvent[]), 'c-1', 'f-2')).toThrow(
        IdempotencyKeyReusedError,
      );
    },
  );

  test('given a command recorded without a fingerprint, when its id comes with one, then it is refused as another command', () => {
    const state = foldCommandLog([
      { type: 'CommandPlanned', data: { ...plan, fingerprint: null } },
      completed,
    ]);
    expect(() => nextStep(state, 'c-1', 'f-1')).toThrow(IdempotencyKeyReusedError);
  });

  test('given a stored event of another type, when read as a command record, then it is refused', () => {
    expect(toCommandLogEvent({ type: 'CommandCompleted', data: { result } })).toEqual(completed);
    expect(() => toCommandLogEvent({ type: 'GrantAwarded', data: {} })).toThrow('Unknown event GrantAwarded');
  });
});
