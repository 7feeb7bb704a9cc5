import { describe, expect, it } from '@jest/globals';
import { AuthError } from './auth.error.js';
import { parseRole, ROLES } from './roles.js';

describe('parseRole', () => {
  it.each(ROLES)('given "%s", when parsed, then it is that role', (role) => {
    expect(parseRole(role)).toBe(role);
  });

  it('given an unknown role, when parsed, then AUTH.UNKNOWN_ROLE names the allowed roles', () => {
    expect(() => parseRole('root')).toThrow(
      expect.objectContaining({
        code: 'AUTH.UNKNOWN_ROLE',
        message: 'Unknown role "root"; allowed roles: auditor, programme-manager, reporter, admin',
      }),
    );
    expect(() => parseRole('Admin')).toThrow(AuthError);
  });
});
