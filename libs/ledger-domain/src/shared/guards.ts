import { notFound, ruleBroken } from './errors.js';

/** A state union narrowed to the states of an aggregate that exists. */
export type Existing<State extends { readonly status: string }> = Exclude<State, { readonly status: 'none' }>;

function exists<State extends { readonly status: string }>(state: State): state is Existing<State> {
  return state.status !== 'none';
}

/**
 * Returns the state narrowed to an existing aggregate, or throws `code` (kind not-found).
 *
 * @example
 * const grant = requireExisting(state, 'GRANT.NOT_FOUND', `Grant ${grantId}`);
 */
export function requireExisting<State extends { readonly status: string }>(
  state: State,
  code: string,
  what: string,
): Existing<State> {
  if (!exists(state)) throw notFound(code, `${what} does not exist`);
  return state;
}

/** Corrections and cancellations must say why (SPEC §3); whitespace alone is no reason. */
export function assertReason(reason: string | undefined, field = 'reason'): void {
  if (typeof reason !== 'string' || reason.trim() === '') {
    throw ruleBroken('REASON_REQUIRED', `${field} is required`, { field });
  }
}
