import type { ChainFigures } from '../chain/ledger-chain.js';
import type { StreamHead } from '../chain/merkle.js';
import type { Seal } from '../seal/ledger-sealed.js';
import { short } from './stream-checks.js';
import type { HeadDifference, VerifyFailure } from './verify-result.js';

type Head = Omit<StreamHead, 'stream'>;

/** What the log holds where a seal is checked: its figures, and the heads before and after. */
export interface LogAtSeal {
  readonly figures: ChainFigures | undefined;
  /** Each stream's head as of `position`; undefined when it has none. */
  readonly headOf: (stream: string) => Head | undefined;
  /** The streams that moved since the previous seal, with their head then (null: they did not exist). */
  readonly movedFrom: ReadonlyMap<string, Head | null>;
}

/** Heads listed in a failure at most; the rest are counted in its message. */
const HEADS_LISTED = 100;

/**
 * The seal against the log as of its position: counts, Merkle root, log digest, and the heads it
 * lists (those that moved since the previous seal) against the heads that moved in the log. Each
 * stream whose head differs is named. Undefined when the seal holds.
 */
export function compareSeal(
  seal: Seal,
  listed: readonly StreamHead[],
  log: LogAtSeal,
): VerifyFailure | undefined {
  const differences = figureDifferences(seal, log.figures);
  const heads = headDifferences(listed, log);
  if (differences.length === 0 && heads.length === 0) return undefined;
  const [first] = heads;
  const named = heads.slice(0, 5).map(describeHead);
  const more = heads.length > named.length ? [`and ${heads.length - named.length} more streams`] : [];
  return {
    kind: 'seal-mismatch',
    message: `seal ${seal.sealNumber} (covering position ${seal.position}, its event at ${seal.sealPosition}) does not match the log: ${[...differences, ...named, ...more].join('; ')}${hint(differences, heads)}`,
    sealNumber: seal.sealNumber,
    position: seal.position,
    eventId: seal.sealEventId,
    ...(first === undefined
      ? { expectedHash: seal.streamsRoot, foundHash: log.figures?.streamsRoot }
      : {
          stream: first.stream,
          revision: first.sealed?.revision ?? first.found?.revision,
          expectedHash: first.sealed?.hash,
          foundHash: first.found?.hash,
        }),
    differences,
    heads: heads.slice(0, HEADS_LISTED),
  };
}

function figureDifferences(seal: Seal, figures: ChainFigures | undefined): string[] {
  const found = figures ?? { eventCount: 0, streamCount: 0, streamsRoot: 'none', logDigest: 'none' };
  const differences: string[] = [];
  for (const key of ['eventCount', 'streamCount'] as const) {
    if (seal[key] !== found[key]) differences.push(`${key}: sealed ${seal[key]}, found ${found[key]}`);
  }
  for (const key of ['streamsRoot', 'logDigest'] as const) {
    if (seal[key] !== found[key])
      differences.push(`${key}: sealed ${short(seal[key])}, found ${short(found[key])}`);
  }
  return differences;
}

/** Listed heads that differ from the log, and heads that moved in the log but are not listed. */
function headDifferences(listed: readonly StreamHead[], log: LogAtSeal): HeadDifference[] {
  const differences: HeadDifference[] = [];
  const sealed = new Map(listed.map(({ stream, revision, hash }) => [stream, { revision, hash }]));
  const streams = new Set([...sealed.keys(), ...log.movedFrom.keys()]);
  for (const stream of [...streams].sort()) {
    const said = sealed.has(stream) ? (sealed.get(stream) ?? null) : (log.movedFrom.get(stream) ?? null);
    const found = log.headOf(stream) ?? null;
    if (said?.revision !== found?.revision || said?.hash !== found?.hash) {
      differences.push({ stream, sealed: said, found });
    }
  }
  return differences;
}

function describeHead({ stream, sealed, found }: HeadDifference): string {
  const side = (head: Head | null) =>
    head === null ? 'no such stream' : `revision ${head.revision} (hash ${short(head.hash)})`;
  return `head of ${stream}: sealed ${side(sealed)}, found ${side(found)}${headHint(sealed, found)}`;
}

function headHint(sealed: Head | null, found: Head | null): string {
  if (found === null || (sealed !== null && found.revision < sealed.revision)) {
    return ' (its last events were removed)';
  }
  if (sealed === null || found.revision > sealed.revision) return ' (events were added to it)';
  return ' (its events were changed and re-hashed)';
}

/** What the differences most likely mean, for the reader of the message. */
function hint(differences: readonly string[], heads: readonly HeadDifference[]): string {
  if (heads.length > 0) return '';
  if (differences.some((d) => d.startsWith('eventCount'))) {
    return ' (an event was removed or added since the previous seal)';
  }
  if (differences.length === 1 && differences[0]?.startsWith('logDigest')) {
    return ' (an event since the previous seal was moved to another position or re-dated)';
  }
  return '';
}
