import { describe, expect, it } from '@jest/globals';
import { checkPrincipalName } from './principal-name.js';

describe('checkPrincipalName', () => {
  it.each(['alice', 'CI reports (nightly)', 'Zoë Ødegaard'])(
    'given "%s", when checked, then it is kept',
    (name) => {
      expect(checkPrincipalName(name)).toBe(name);
    },
  );

  it.each([
    ['', 'must not be empty'],
    ['   ', 'must not be empty'],
    [' alice', 'must not start or end with spaces'],
    ['a'.repeat(101), 'must be at most 100 characters'],
    ['ali\nce', 'must not contain control characters'],
    ['0b7c3f4e-9a51-4a8e-8d0c-3c2f5e6a7b81', 'must not look like a principal id (a UUID)'],
  ])('given %j, when checked, then AUTH.INVALID_NAME says it %s', (name, problem) => {
    expect(() => checkPrincipalName(name)).toThrow(
      expect.objectContaining({ code: 'AUTH.INVALID_NAME', message: expect.stringContaining(problem) }),
    );
  });
});
