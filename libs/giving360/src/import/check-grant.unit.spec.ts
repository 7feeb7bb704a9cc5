import { describe, expect, it } from '@jest/globals';
import { checkGrant } from './check-grant.js';

const TODAY = '2025-06-30';
const grant = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  id: '360G-ABCT-1',
  title: 'A grant to Access to Justice Foundation',
  description: 'Towards the Pre-Action Protocol Project',
  currency: 'GBP',
  amountAwarded: 30000,
  awardDate: '2021-01-26T00:00:00+00:00',
  recipientOrganization: [
    { id: 'GB-CHC-1126147', name: 'Access to Justice Foundation', postalCode: 'WC2A 1JF' },
  ],
  fundingOrganization: [{ id: 'GB-CHC-1000147', name: 'A B Charitable Trust' }],
  grantProgramme: [{ code: 'Open Programme', title: 'Migrants and Refugees' }],
  ...overrides,
});
const check = (raw: unknown, idCounts = new Map<string, number>()) =>
  checkGrant(raw, 7, { today: TODAY, idCounts });
const codes = (raw: unknown): string[] => {
  const result = check(raw);
  return 'invalid' in result ? result.invalid.problems.map((p) => p.code) : [];
};

describe('checkGrant', () => {
  it('given a grant as published, when checked, then it is kept with exact pence, the date as written and its programme', () => {
    expect(check(grant())).toEqual({
      grant: {
        position: 7,
        id: '360G-ABCT-1',
        title: 'A grant to Access to Justice Foundation',
        description: 'Towards the Pre-Action Protocol Project',
        amount: 3_000_000,
        awardedOn: '2021-01-26',
        funder: { name: 'A B Charitable Trust', orgId: 'GB-CHC-1000147' },
        recipient: { kind: 'organisation', orgId: 'GB-CHC-1126147', name: 'Access to Justice Foundation' },
        programme: { code: 'Open Programme', title: 'Migrants and Refugees' },
      },
    });
  });

  it('given a grant to an individual, when checked, then only the id is kept, never the name', () => {
    const result = check(
      grant({
        recipientOrganization: undefined,
        recipientIndividual: { id: '360G-PHF-IND-1', name: 'Jane Roe' },
      }),
    );
    expect('grant' in result && result.grant.recipient).toEqual({ kind: 'individual', id: '360G-PHF-IND-1' });
    expect(JSON.stringify(result)).not.toContain('Jane Roe');
  });

  it.each([
    ['2021-01-26', '2021-01-26'],
    ['2021-01-26T23:30:00-05:00', '2021-01-26'],
    ['2021-01-26T00:00:00Z', '2021-01-26'],
    ['2021-01-26T10:15', '2021-01-26'],
    ['2020-02-29', '2020-02-29'],
    [TODAY, TODAY],
  ])(
    'given the award date %p, when checked, then the grant is dated %p (the day as written)',
    (awardDate, day) => {
      const result = check(grant({ awardDate }));
      expect('grant' in result && result.grant.awardedOn).toBe(day);
    },
  );

  it.each([
    '24/07/2014',
    '2014-7-24',
    '2019-02-29',
    '2021-13-01',
    '2021-01-26T25:00:00Z',
    '20210126',
    20210126,
  ])('given the award date %p, when checked, then AWARD_DATE.NOT_ISO_8601', (awardDate) => {
    expect(codes(grant({ awardDate }))).toEqual(['AWARD_DATE.NOT_ISO_8601']);
  });

  it('given an award date after today, when checked, then AWARD_DATE.IN_FUTURE', () => {
    expect(check(grant({ awardDate: '2025-07-01' }))).toMatchObject({
      invalid: {
        problems: [{ code: 'AWARD_DATE.IN_FUTURE', message: 'awardDate 2025-07-01 is in the future' }],
      },
    });
  });

  it('given a grant missing every required field, when checked, then each is named, in the standard’s order', () => {
    expect(check({ Website: 'x' })).toEqual({
      invalid: {
        id: undefined,
        position: 7,
        problems: [
          'id is required',
          'title is required',
          'description is required',
          'currency is required',
          'amountAwarded is required',
          'awardDate is required',
          'fundingOrganization is required',
          'recipientOrganization (or recipientIndividual) is required',
        ].map((message) => ({ code: 'FIELD.REQUIRED', message })),
      },
    });
  });

  it('given blank text and empty arrays, when checked, then they count as missing', () => {
    expect(codes(grant({ title: '  ', recipientOrganization: [], fundingOrganization: [{}] }))).toEqual([
      'FIELD.REQUIRED',
      'FIELD.REQUIRED',
      'FIELD.REQUIRED',
    ]);
  });

  it('given another currency, a zero amount, both kinds of recipient and a funder without org-id prefix, when checked, then each is reported', () => {
    const raw = grant({
      currency: 'EUR',
      amountAwarded: 0,
      recipientIndividual: { id: 'x' },
      fundingOrganization: [{ id: '1000147', name: 'A B Charitable Trust' }],
    });
    expect(codes(raw)).toEqual(['CURRENCY.NOT_GBP', 'AMOUNT.ZERO', 'ORG_ID.UNRECOGNISED', 'RECIPIENT.BOTH']);
  });

  it('given an id used twice in the file, without 360G- and with a slash, when checked, then all three are reported', () => {
    const result = check(grant({ id: 'ABCT/1' }), new Map([['ABCT/1', 2]]));
    expect('invalid' in result && result.invalid).toEqual({
      id: 'ABCT/1',
      position: 7,
      problems: [
        { code: 'ID.DUPLICATE', message: 'id ABCT/1 is the id of 2 grants of the file' },
        { code: 'ID.NOT_360GIVING', message: 'id ABCT/1 does not start with 360G- and a publisher prefix' },
        {
          code: 'ID.NOT_A_LEDGER_ID',
          message: 'id ABCT/1 is not a ledger id (letters, digits and ._:- only, at most 128)',
        },
      ],
    });
  });

  it('given something that is not a grant object, when checked, then GRANT.NOT_AN_OBJECT', () => {
    expect(codes('360G-ABCT-1')).toEqual(['GRANT.NOT_AN_OBJECT']);
    expect(codes([grant()])).toEqual(['GRANT.NOT_AN_OBJECT']);
  });
});
