import type { Seal, VerifyFailure, VerifyResult } from '@ledger/audit';

/**
 * The one-line summary of a verification: what was read, in how long, how fast.
 *
 * @example
 * verifySummary(result); // 'verify: 100000 events, 1234 streams, 4 seals in 2345 ms (42662 events/s)'
 */
export function verifySummary(result: VerifyResult): string {
  const events = result.eventsChecked - result.sealsChecked;
  const perSecond = Math.round((result.eventsChecked * 1000) / Math.max(result.durationMs, 1));
  const from =
    result.fromSeal === null
      ? ''
      : `, from seal ${result.fromSeal} (${result.eventsChecked - result.eventsRehashed} events up to it taken by their stored hashes)`;
  return `verify: ${events} events, ${result.streamsChecked} streams, ${result.sealsChecked} seals in ${result.durationMs} ms (${perSecond} events/s)${from}`;
}

/** What a clean verification vouches for, and what it cannot yet. */
export function intactLine(result: VerifyResult): string {
  const sealed =
    result.lastSeal === null
      ? 'no seal yet: every stream chain holds'
      : `every stream chain and every seal holds, up to seal ${result.lastSeal.sealNumber} (position ${result.lastSeal.position})`;
  const tail =
    result.unsealedEvents === 0
      ? ''
      : `; ${result.unsealedEvents} events after the last seal are checked by their chains only`;
  return `intact: ${sealed}${tail}`;
}

/**
 * A failure in words, then each field on its own line: kind, stream, revision, position, expected
 * and found hash.
 *
 * @example
 * describeFailure(failure);
 * // altered: grant-g1 revision 1 at position 1041 (event …) does not match its hash: ...
 * //   stream         grant-g1
 * //   ...
 */
export function describeFailure(failure: VerifyFailure): string {
  const fields: [string, string | number | undefined][] = [
    ['stream', failure.stream],
    ['revision', failure.revision],
    ['position', failure.position],
    ['event', failure.eventId],
    ['seal', failure.sealNumber],
    ['expected hash', failure.expectedHash],
    ['found hash', failure.foundHash],
  ];
  const lines = fields
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) => `  ${name.padEnd(14)} ${String(value)}`);
  return [`${failure.kind}: ${failure.message}`, ...lines].join('\n');
}

/** Why the ledger is not intact: how many failures, and the first one in full. */
export function notIntactMessage(result: VerifyResult): string {
  const [first] = result.failures;
  const count = result.failureCount === 1 ? '1 failure' : `${result.failureCount} failures`;
  const more = result.failureCount > 1 ? ' (--json lists them all)' : '';
  return [`NOT INTACT: ${count}${more}; the first:`, first ? describeFailure(first) : ''].join('\n');
}

/** A seal in a few lines: what it covers, its root and digest, and where its own event is. */
export function describeSeal(seal: Seal): string {
  return [
    `seal ${seal.sealNumber} covers the ledger up to position ${seal.position}: ${seal.eventCount} events in ${seal.streamCount} streams`,
    `  streams root   ${seal.streamsRoot}`,
    `  log digest     ${seal.logDigest}`,
    `  seal event     ${seal.sealEventId} at position ${seal.sealPosition}, recorded ${seal.sealedAt}`,
    `  seal hash      ${seal.sealHash}`,
  ].join('\n');
}
