import { type Role } from './roles.js';

/**
 * Everything an endpoint or command can require, named after the verbs of SPEC §7's role table:
 * `read` queries, audit trail, reports, exports and verify; `record` facts (launch, enrol, award,
 * pay, introduce, confirm, report outcomes, revoke a grant); `correct` corrections and voids;
 * `rebuild` projections; `report` produce reports; `replay`; `forget` a person; `manage-tokens`.
 */
export const PERMISSIONS = [
  'read',
  'record',
  'correct',
  'rebuild',
  'report',
  'replay',
  'forget',
  'manage-tokens',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

// Spelled out per role rather than derived from "what an auditor may, and ...", so that a reviewer
// can check each line against the spec. A permission added to PERMISSIONS goes to admin alone until
// someone grants it here on purpose.
const GRANTED: Readonly<Record<Role, ReadonlySet<Permission>>> = {
  auditor: new Set(['read']),
  'programme-manager': new Set(['read', 'record']),
  reporter: new Set(['read', 'rebuild', 'report']),
  admin: new Set(PERMISSIONS),
};

/**
 * Whether a role may do something. Unknown permissions are denied.
 *
 * @example
 * can('reporter', 'rebuild'); // true
 * can('auditor', 'record');   // false
 */
export function can(role: Role, permission: Permission): boolean {
  return GRANTED[role].has(permission);
}
