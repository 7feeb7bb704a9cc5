import { describe, expect, test } from '@jest/globals';
import canonicalize from 'canonicalize';
import { sha256Hex } from '@ledger/event-store';
import { headLeaf, merkleRoot, streamsRoot } from './merkle.js';

const HASH = 'ab'.repeat(32);

describe('the streams Merkle tree', () => {
  test('given a head, when made a leaf, then it is the SHA-256 of its RFC 8785 canonical JSON', () => {
    const head = { stream: 'grant-g1', revision: 3, hash: HASH };

    expect(headLeaf(head)).toBe(sha256Hex(canonicalize(head) ?? ''));
    expect(headLeaf(head)).toBe(sha256Hex(`{"hash":"${HASH}","revision":3,"stream":"grant-g1"}`));
  });

  test('given three leaves, when rooted, then pairs are hashed as their hex digits joined and the odd one is carried up', () => {
    const [a, b, c] = ['a', 'b', 'c'].map((x) => sha256Hex(x)) as [string, string, string];

    expect(merkleRoot([a])).toBe(a);
    expect(merkleRoot([a, b])).toBe(sha256Hex(a + b));
    expect(merkleRoot([a, b, c])).toBe(sha256Hex(sha256Hex(a + b) + c));
    expect(merkleRoot([])).toBe(sha256Hex(''));
  });

  test('given heads in any order, when rooted, then they are sorted by stream name in code-unit order first', () => {
    const [programme, grant, upper] = [
      { stream: 'programme-p1', revision: 0, hash: HASH },
      { stream: 'grant-g1', revision: 2, hash: HASH },
      { stream: 'Grant-G2', revision: 1, hash: HASH },
    ];
    const heads = [programme, grant, upper];
    // 'G' (0x47) sorts before 'g' (0x67): code units, not a locale's order.
    const sorted = [upper, grant, programme].map(headLeaf);

    expect(streamsRoot(heads)).toBe(merkleRoot(sorted));
    expect(streamsRoot([...heads].reverse())).toBe(streamsRoot(heads));
  });

  test('given one head one revision further, when rooted, then the root changes', () => {
    const grant = { stream: 'grant-g1', revision: 2, hash: HASH };
    const programme = { stream: 'programme-p1', revision: 0, hash: HASH };

    expect(streamsRoot([{ ...grant, revision: 3 }, programme])).not.toBe(streamsRoot([grant, programme]));
  });
});
