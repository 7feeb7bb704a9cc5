import { describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { createToken, hashToken } from './token.js';

describe('createToken', () => {
  it('given nothing, when created, then it is plt_ and 32 bytes of base64url', () => {
    const token = createToken();
    expect(token).toMatch(/^plt_[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token.slice(4), 'base64url')).toHaveLength(32);
  });

  it('given many tokens, when created, then none repeats', () => {
    const tokens = new Set(Array.from({ length: 1000 }, createToken));
    expect(tokens.size).toBe(1000);
  });
});

describe('hashToken', () => {
  it('given a token, when hashed, then it is its SHA-256 in hex', () => {
    expect(hashToken('plt_abc')).toBe(createHash('sha256').update('plt_abc').digest('hex'));
    expect(hashToken('plt_abc')).toMatch(/^[0-9a-f]{64}$/);
  });
});
