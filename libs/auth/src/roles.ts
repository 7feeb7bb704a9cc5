import { AuthError } from './auth.error.js';

/** Who a principal is to the ledger. See SPEC §7 for what each may do, and `can` for the table. */
export const ROLES = ['auditor', 'programme-manager', 'reporter', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/**
 * Checks a role that arrives as text (command line, HTTP).
 *
 * @throws AuthError `AUTH.UNKNOWN_ROLE`, naming the allowed roles.
 * @example
 * parseRole('reporter'); // 'reporter'
 * parseRole('root');     // throws: Unknown role "root"; allowed roles: auditor, programme-manager, ...
 */
export function parseRole(value: string): Role {
  if (isRole(value)) return value;
  throw new AuthError(
    'AUTH.UNKNOWN_ROLE',
    `Unknown role ${JSON.stringify(value)}; allowed roles: ${ROLES.join(', ')}`,
  );
}
