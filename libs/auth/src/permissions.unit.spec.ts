import { describe, expect, it } from '@jest/globals';
import { can, PERMISSIONS, type Permission } from './permissions.js';
import { ROLES, type Role } from './roles.js';

// SPEC §7, written out in full so that every cell of the table is a test of its own.
// prettier-ignore
const EXPECTED: Record<Role, Record<Permission, boolean>> = {
  auditor:             { read: true, record: false, correct: false, rebuild: false, report: false, replay: false, forget: false, 'manage-tokens': false },
  'programme-manager': { read: true, record: true,  correct: false, rebuild: false, report: false, replay: false, forget: false, 'manage-tokens': false },
  reporter:            { read: true, record: false, correct: false, rebuild: true,  report: true,  replay: false, forget: false, 'manage-tokens': false },
  admin:               { read: true, record: true,  correct: true,  rebuild: true,  report: true,  replay: true,  forget: true,  'manage-tokens': true },
};

const cells = ROLES.flatMap((role) =>
  PERMISSIONS.map((permission) => [role, permission, EXPECTED[role][permission]] as const),
);

describe('can', () => {
  it('given the table, then it covers every role and every permission', () => {
    expect(cells).toHaveLength(ROLES.length * PERMISSIONS.length);
    expect(cells).toHaveLength(32);
  });

  it.each(cells)(
    'given the role %s, when asking for %s, then the answer is %s',
    (role, permission, allowed) => {
      expect(can(role, permission)).toBe(allowed);
    },
  );
});
