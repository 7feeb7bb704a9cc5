import { describe, expect, test } from '@jest/globals';
import { pence } from '@ledger/ledger-domain';
import type { ImportResult } from '@ledger/giving360';
import { formatImportSummary } from './import-summary.format.js';

describe('formatImportSummary', () => {
  test('given an import with programmes, an invalid and a refused grant, when formatted, then counts, programmes and the grants not loaded in file order', () => {
    const result: ImportResult = {
      ...{ read: 4, loaded: 2, alreadyThere: 0, eventsWritten: 5, ms: 1940 },
      programmes: [
        { programmeId: 'GB-CHC-1:open', name: 'Open', status: 'launched', grantBudget: pence(123_450) },
      ],
      invalid: [
        {
          id: '360G-x-4',
          position: 4,
          problems: [
            { code: 'FIELD.REQUIRED', message: 'description is required' },
            { code: 'AMOUNT.ZERO', message: 'amountAwarded "0" is zero' },
          ],
        },
      ],
      refused: [{ id: '360G-x-2', position: 2, code: 'GRANT.ALREADY_AWARDED', message: 'already awarded' }],
    };

    expect(formatImportSummary(result, { path: 'grants.json', sha256: '0c54b032076ce7a2f40e' })).toBe(
      [
        'Imported grants.json (sha256 0c54b032076c) in 1.9 s: 4 read, 2 loaded, 0 already there, 1 invalid, 1 refused',
        '',
        'PROGRAMME      STATUS    GRANT BUDGET  NOTE',
        'GB-CHC-1:open  launched  £1,234.50',
        '',
        'Not loaded:',
        '#  GRANT     KIND     REASON',
        '2  360G-x-2  refused  GRANT.ALREADY_AWARDED: already awarded',
        '4  360G-x-4  invalid  description is required; amountAwarded "0" is zero',
        '',
      ].join('\n'),
    );
  });
});
