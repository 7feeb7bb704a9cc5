import { type Role } from './roles.js';

/** Someone, or some job, that holds a token. `id` is what events record as the actor. */
export interface Principal {
  readonly id: string;
  readonly name: string;
  readonly role: Role;
  /** ISO 8601 instant. */
  readonly createdAt: string;
}

/** A principal as listed for administration: revoked ones included, never a token or hash. */
export interface PrincipalSummary extends Principal {
  /** ISO 8601 instant, or null while the token is still valid. */
  readonly revokedAt: string | null;
}

/** What `create` needs. The role is text because it arrives from outside; the store checks it. */
export interface NewPrincipal {
  readonly name: string;
  readonly role: string;
}
