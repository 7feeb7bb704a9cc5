import { describe, expect, it } from '@jest/globals';
import type { Giving360Grant, Giving360Organisation } from '../giving360.types.js';
import { QUALITY_CHECKS, runQualityChecks } from './quality-checks.js';
import { QUALITY_CHECK_NAMES, type QualityCheckName } from './quality-finding.js';

const TODAY = '2025-01-31';
const DCMS: Giving360Organisation = {
  id: 'GB-GOR-D5',
  name: 'Department for Digital, Culture, Media and Sport',
};

function grant(n: number, changes: Partial<Giving360Grant> = {}): Giving360Grant {
  return {
    id: `360G-nesta-iep-g${n}`,
    title: 'IEP partnership accelerator grant',
    description: 'To design a scaling plan and start to implement it',
    currency: 'GBP',
    amountAwarded: 20_000,
    awardDate: '2017-09-01',
    recipientOrganization: [{ id: 'GB-CHC-1144091', name: 'An innovator', charityNumber: '1144091' }],
    fundingOrganization: [DCMS],
    dateModified: '2018-01-01T00:00:00Z',
    dataSource: 'https://www.nesta.org.uk/iep/360giving.json',
    ...changes,
  };
}

const recipient = (org: Partial<Giving360Organisation>) => ({
  recipientOrganization: [{ id: '360G-nesta-iep-innovator-i9', name: 'An innovator', ...org }],
});

/** One crafted bad grant per check, and the one finding it must raise. */
const BAD: Record<QualityCheckName, [Partial<Giving360Grant>, string]> = {
  'zero-amount': [{ amountAwarded: 0 }, 'Amount Awarded is 0'],
  'future-award-date': [{ awardDate: '2025-02-01' }, 'Award Date 2025-02-01 is after today (2025-01-31)'],
  'more-than-one-funder': [
    { fundingOrganization: [{ id: 'GB-CHC-1144091', name: 'Nesta' }] },
    'Funding Org:Identifier GB-CHC-1144091 differs from GB-GOR-D5, the funder of most grants in this file (2 funder ids in all)',
  ],
  'line-break-in-id': [{ id: '360G-nesta-iep-g9\n' }, 'The identifier at /id contains a line break'],
  'email-in-text': [
    { description: 'Contact jo.bloggs@example.org for the report' },
    'The text at /description looks like it holds an e-mail address',
  ],
  'unrecognised-org-id-prefix': [
    recipient({ id: 'UK-CHARITY-1144091' }),
    'Recipient Org:Identifier UK-CHARITY-1144091 does not start with a known org-id prefix (see org-id.guide)',
  ],
  'company-number': [
    recipient({ companyNumber: '9876543' }),
    'Recipient Org:Company Number "9876543" is not 8 characters',
  ],
  'charity-number': [
    recipient({ charityNumber: '11440' }),
    'Recipient Org:Charity Number "11440" is not 6 or 7 digits',
  ],
};

describe('the 360Giving quality checks', () => {
  it('given a file of good grants, when checked, then nothing is found', () => {
    expect(runQualityChecks([grant(1), grant(2), grant(3)], { today: TODAY })).toEqual([]);
  });

  it.each(QUALITY_CHECK_NAMES.map((name) => [name]))(
    'given one crafted bad grant for %s among good ones, when checked, then exactly that check names that grant',
    (name) => {
      const [changes, message] = BAD[name];
      const bad = grant(9, changes);
      const findings = runQualityChecks([grant(1), bad, grant(2)], { today: TODAY });
      expect(findings).toEqual([{ grantId: bad.id, check: name, message }]);
      expect(QUALITY_CHECKS[name]([grant(1), grant(2)], { today: TODAY })).toEqual([]);
    },
  );

  it('given org-ids naming a company or charity badly, when checked, then the number inside the id is judged too, once when the column repeats it', () => {
    const bad = grant(9, {
      recipientOrganization: [{ id: 'GB-COH-123', name: 'A company', companyNumber: '123' }],
      fundingOrganization: [{ id: 'GB-CHC-12A4567', name: 'A funder' }],
    });
    const findings = runQualityChecks([bad], { today: TODAY }).map(({ check, message }) => [check, message]);
    expect(findings).toEqual([
      ['company-number', 'Recipient Org:Identifier GB-COH-123: "123" is not 8 characters'],
      ['charity-number', 'Funding Org:Identifier GB-CHC-12A4567: "12A4567" is not 6 or 7 digits'],
    ]);
  });

  it('given numbers the register allows, when checked, then Scottish charity and company numbers pass', () => {
    const scottish = grant(
      9,
      recipient({ id: 'GB-SC-SC012345', charityNumber: 'SC012345', companyNumber: 'SC123459' }),
    );
    expect(runQualityChecks([scottish], { today: TODAY })).toEqual([]);
  });

  it('given an e-mail in an email field, or an award dated today, when checked, then neither is a finding', () => {
    const fine = grant(9, {
      ...recipient({ email: 'grants@example.org' } as Partial<Giving360Organisation>),
      awardDate: TODAY,
    });
    expect(runQualityChecks([fine], { today: TODAY })).toEqual([]);
  });

  it('given a list of known prefixes, when checked, then it replaces the built-in one', () => {
    const findings = runQualityChecks([grant(1)], { today: TODAY, knownOrgIdPrefixes: ['GB-GOR'] });
    expect(findings.map((f) => f.message)).toEqual([
      'Recipient Org:Identifier GB-CHC-1144091 does not start with a known org-id prefix (see org-id.guide)',
    ]);
  });
});
