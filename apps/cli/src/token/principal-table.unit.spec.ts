import { describe, expect, it } from '@jest/globals';
import { formatPrincipalTable } from './principal-table.js';

describe('formatPrincipalTable', () => {
  it('given principals, when formatted, then columns line up and a live token shows "-" as revoked', () => {
    const table = formatPrincipalTable([
      {
        id: 'id-1',
        name: 'ci-reports',
        role: 'reporter',
        createdAt: '2025-03-01T09:00:00.000Z',
        revokedAt: null,
      },
      {
        id: 'id-2',
        name: 'al',
        role: 'admin',
        createdAt: '2025-03-02T09:00:00.000Z',
        revokedAt: '2025-03-03T09:00:00.000Z',
      },
    ]);

    expect(table).toBe(
      [
        'NAME        ROLE      ID    CREATED                   REVOKED',
        'ci-reports  reporter  id-1  2025-03-01T09:00:00.000Z  -',
        'al          admin     id-2  2025-03-02T09:00:00.000Z  2025-03-03T09:00:00.000Z',
        '',
      ].join('\n'),
    );
  });

  it('given no principals, when formatted, then only the headings', () => {
    expect(formatPrincipalTable([])).toBe('NAME  ROLE  ID  CREATED  REVOKED\n');
  });
});
