import { sha256Hex } from '@ledger/event-store';

/** A stream's last event as a seal covers it: its revision and its stored hash. */
export interface StreamHead {
  readonly stream: string;
  readonly revision: number;
  readonly hash: string;
}

/**
 * The Merkle leaf of a stream head: SHA-256 (hex) of the RFC 8785 canonical JSON of
 * `{ hash, revision, stream }`: keys in code-unit order, no spaces, which for two strings and a whole
 * number is exactly what `JSON.stringify` writes (RFC 8785 serialises strings and numbers as it
 * does), without a canonicaliser's cost per stream. A leaf's input starts with `{`, an inner node's
 * with a hex digit, so the two can never be mistaken for each other.
 *
 * @example
 * headLeaf({ stream: 'grant-g1', revision: 3, hash: 'a3f1…' }); // sha256Hex('{"hash":"a3f1…","revision":3,"stream":"grant-g1"}')
 */
export function headLeaf(head: StreamHead): string {
  return sha256Hex(JSON.stringify({ hash: head.hash, revision: head.revision, stream: head.stream }));
}

/**
 * The Merkle root of leaves taken in the order given: each level pairs neighbours into
 * `sha256Hex(left + right)` (their hex digits concatenated), an odd last node is carried up to the
 * next level unchanged, and the one node left is the root. No leaves give `sha256Hex('')`.
 *
 * @example
 * merkleRoot(['aa…', 'bb…', 'cc…']); // sha256Hex(sha256Hex('aa…' + 'bb…') + 'cc…')
 */
export function merkleRoot(leaves: readonly string[]): string {
  if (leaves.length === 0) return sha256Hex('');
  let level = leaves;
  while (level.length > 1) {
    const next: string[] = [];
    for (let i = 0; i < level.length; i += 2) {
      const [left, right] = [level[i] ?? '', level[i + 1]];
      next.push(right === undefined ? left : sha256Hex(left + right));
    }
    level = next;
  }
  return level[0] ?? sha256Hex('');
}

/** Orders stream names by UTF-16 code units, as `<` compares strings (not by locale). */
export function byStreamName(a: { readonly stream: string }, b: { readonly stream: string }): number {
  if (a.stream === b.stream) return 0;
  return a.stream < b.stream ? -1 : 1;
}

/**
 * A seal's `streamsRoot`: the Merkle root of every stream's head leaf, the streams sorted by name.
 *
 * @example
 * streamsRoot([{ stream: 'grant-g1', revision: 3, hash: '…' }, { stream: 'programme-p1', revision: 9, hash: '…' }]);
 */
export function streamsRoot(heads: readonly StreamHead[]): string {
  return merkleRoot([...heads].sort(byStreamName).map(headLeaf));
}
