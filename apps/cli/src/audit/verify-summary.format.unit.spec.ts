import { describe, expect, test } from '@jest/globals';
import type { Position } from '@ledger/event-store';
import type { VerifyResult } from '@ledger/audit';
import { describeFailure, intactLine, notIntactMessage, verifySummary } from './verify-summary.format.js';

const intact: VerifyResult = {
  ok: true,
  eventsChecked: 100_004,
  eventsRehashed: 100_004,
  streamsChecked: 1234,
  sealsChecked: 4,
  lastSeal: { sealNumber: 4, position: '100003' as Position, sealPosition: '100004' as Position },
  unsealedEvents: 0,
  fromSeal: null,
  durationMs: 2500,
  failures: [],
  failureCount: 0,
};

describe('the verify summary', () => {
  test('given an intact ledger, then one line counts events, streams and seals with the time and the rate', () => {
    expect(verifySummary(intact)).toBe(
      'verify: 100000 events, 1234 streams, 4 seals in 2500 ms (40002 events/s)',
    );
    expect(intactLine(intact)).toBe(
      'intact: every stream chain and every seal holds, up to seal 4 (position 100003)',
    );
    expect(intactLine({ ...intact, unsealedEvents: 7 })).toContain(
      '7 events after the last seal are checked by their chains only',
    );
  });

  test('given failures, then the first is told in words with its stream, revision, position and both hashes', () => {
    const failure = {
      kind: 'altered' as const,
      message: 'grant-g1 revision 1 at position 1041 does not match its hash',
      stream: 'grant-g1',
      revision: 1,
      position: '1041' as Position,
      expectedHash: 'a'.repeat(64),
      foundHash: 'b'.repeat(64),
    };
    const result = { ...intact, ok: false, failures: [failure], failureCount: 2 };

    expect(notIntactMessage(result).split('\n')).toEqual([
      'NOT INTACT: 2 failures (--json lists them all); the first:',
      'altered: grant-g1 revision 1 at position 1041 does not match its hash',
      '  stream         grant-g1',
      '  revision       1',
      '  position       1041',
      `  expected hash  ${'a'.repeat(64)}`,
      `  found hash     ${'b'.repeat(64)}`,
    ]);
    expect(describeFailure({ kind: 'missing', message: 'x' })).toBe('missing: x');
  });
});
