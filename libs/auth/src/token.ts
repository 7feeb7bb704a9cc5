import { createHash, randomBytes } from 'node:crypto';

/** Marks ledger tokens so secret scanners and people can recognise a leaked one. */
export const TOKEN_PREFIX = 'plt_';

/**
 * A new bearer token: `plt_` and 32 random bytes in base64url (256 bits of entropy).
 *
 * @example
 * createToken(); // 'plt_3q2-7wXo...' (47 characters)
 */
export function createToken(): string {
  return TOKEN_PREFIX + randomBytes(32).toString('base64url');
}

/**
 * The stored form of a token: SHA-256 in hex. A fast unsalted hash is right here, unlike for
 * passwords: a token is 256 random bits, so there is no dictionary to try and brute force is out of
 * reach however fast the hash. Being deterministic also lets the store find a token by its hash.
 */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
