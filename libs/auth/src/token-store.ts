import { type NewPrincipal, type Principal, type PrincipalSummary } from './principal.js';

/**
 * Where principals and their token hashes live. Tokens themselves are never stored: `create` returns
 * one exactly once.
 */
export interface TokenStore {
  /** @throws AuthError `AUTH.UNKNOWN_ROLE`, `AUTH.INVALID_NAME` or `AUTH.DUPLICATE_NAME`; nothing is written. */
  create(input: NewPrincipal): { principal: Principal; token: string };
  /** The principal holding this token, or undefined if the token is unknown or revoked. */
  authenticate(token: string): Principal | undefined;
  list(): PrincipalSummary[];
  /** Revokes by name or id. False when there is no such principal or it was already revoked. */
  revoke(nameOrId: string): boolean;
  close(): void;
}
