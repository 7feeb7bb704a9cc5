import { describe, expect, it } from '@jest/globals';
import { parseGiving360Csv, renderGiving360Csv } from './csv-writer.js';
import type { ExportGrantSource, ExportProgrammeSource, ExportSource } from './export-source.js';
import { buildGiving360Export } from './giving360-export.js';
import { giving360Validator } from './schema/schema-validator.js';

const DCMS = { orgId: 'GB-GOR-D5', name: 'Department for Digital, Culture, Media and Sport' };
const NESTA = { orgId: 'GB-CHC-1144091', name: 'Nesta' };
const OPTIONS = {
  prefix: 'nesta-iep',
  dataSource: 'https://www.nesta.org.uk/iep/360giving.json',
  today: '2025-01-31',
};

const programme = (programmeId: string, deliveryPartner = NESTA): ExportProgrammeSource => ({
  programmeId,
  name: `Programme ${programmeId}`,
  funder: DCMS,
  deliveryPartner,
});

function grant(grantId: string, changes: Partial<ExportGrantSource> = {}): ExportGrantSource {
  return {
    grantId,
    programmeId: 'iep-2017',
    title: 'IEP partnership accelerator grant',
    purpose: 'To design a scaling plan and start to implement it',
    currency: 'GBP',
    amountAwardedPence: 2_000_000,
    amountPaidPence: 1_000_000,
    awardedOn: '2017-09-01',
    status: 'awarded',
    funder: DCMS,
    updatedAt: '2018-03-01T10:00:00.000Z',
    recipient: { innovatorId: `innovator-of-${grantId}`, name: 'Illustrative innovator' },
    ...changes,
  };
}

const source = (grants: ExportGrantSource[], programmes = [programme('iep-2017')]): ExportSource => ({
  programmes,
  grants,
  position: '42',
  incomplete: [],
});

describe('building a 360Giving export', () => {
  const validator = giving360Validator();

  it('given awarded, revoked and imported grants, when exported, then each is a valid grant with exact pounds and the right id', () => {
    const result = buildGiving360Export(
      source([
        grant('g1', { amountAwardedPence: 123_456, amountPaidPence: 5 }),
        grant('g2', { status: 'revoked', amountPaidPence: 0, updatedAt: '2018-05-01T09:00:00.000Z' }),
        grant('360G-fundingproviders-000001', {
          recipient: { innovatorId: 'i3', name: 'A charity', orgId: 'GB-CHC-1000001' },
        }),
      ]),
      validator,
      OPTIONS,
    );

    expect(result.schemaErrors).toEqual([]);
    expect(result.findings).toEqual([]);
    expect(result.ledgerPosition).toBe('42');
    expect(result.package).toMatchObject({
      version: '1.4',
      title: 'Grants of Programme iep-2017',
      publisher: { identifier: 'GB-CHC-1144091', name: 'Nesta' },
      modified: '2018-05-01T09:00:00.000Z',
    });
    expect(result.package.grants.map((g) => [g.id, g.amountAwarded, g.amountDisbursed])).toEqual([
      ['360G-nesta-iep-g1', 1234.56, 0.05],
      ['360G-nesta-iep-g2', 20_000, 0],
      ['360G-fundingproviders-000001', 20_000, 10_000],
    ]);
    expect(result.package.grants[0]).toEqual({
      id: '360G-nesta-iep-g1',
      title: 'IEP partnership accelerator grant',
      description: 'To design a scaling plan and start to implement it',
      currency: 'GBP',
      amountAwarded: 1234.56,
      amountDisbursed: 0.05,
      awardDate: '2017-09-01',
      recipientOrganization: [
        { id: '360G-nesta-iep-innovator-innovator-of-g1', name: 'Illustrative innovator' },
      ],
      fundingOrganization: [{ id: 'GB-GOR-D5', name: 'Department for Digital, Culture, Media and Sport' }],
      grantProgramme: [{ code: 'iep-2017', title: 'Programme iep-2017' }],
      dateModified: '2018-03-01T10:00:00.000Z',
      dataSource: 'https://www.nesta.org.uk/iep/360giving.json',
    });
    expect(result.package.grants[2]?.recipientOrganization).toEqual([
      { id: 'GB-CHC-1000001', name: 'A charity', charityNumber: '1000001' },
    ]);
  });

  it('given a grant to an individual the import enrolled by id, when exported, then it goes out as a recipientIndividual, valid, with no organisation', () => {
    const result = buildGiving360Export(
      source([
        grant('360G-fundingproviders-ind-1', {
          recipient: {
            innovatorId: 'p:individual:360G-fundingproviders-person-7',
            name: 'Individual recipient',
            individualId: '360G-fundingproviders-person-7',
          },
        }),
      ]),
      validator,
      OPTIONS,
    );

    expect(result.schemaErrors).toEqual([]);
    expect(result.package.grants[0]?.recipientIndividual).toEqual({
      id: '360G-fundingproviders-person-7',
      name: 'Individual recipient',
    });
    expect(result.package.grants[0]?.recipientOrganization).toBeUndefined();
  });

  it('given programmes run by different partners, when exported together, then no publisher is claimed', () => {
    const pkg = buildGiving360Export(
      source(
        [grant('g1'), grant('g2', { programmeId: 'other' })],
        [programme('iep-2017'), programme('other', { orgId: 'GB-CHC-1000001', name: 'Another partner' })],
      ),
      validator,
      OPTIONS,
    ).package;
    expect(pkg.publisher).toBeUndefined();
    expect(pkg.title).toBe('Grants of every programme');
  });

  it('given a grant a check catches, when exported, then the package stays valid and the finding is reported, not fixed', () => {
    const result = buildGiving360Export(
      source([grant('g1', { awardedOn: '2026-01-01' })]),
      validator,
      OPTIONS,
    );
    expect(result.schemaErrors).toEqual([]);
    expect(result.package.grants[0]?.awardDate).toBe('2026-01-01');
    expect(result.findings).toEqual([
      {
        grantId: '360G-nesta-iep-g1',
        check: 'future-award-date',
        message: 'Award Date 2026-01-01 is after today (2025-01-31)',
      },
    ]);
  });

  it('given a data source that is no URI, when exported, then the schema errors say so', () => {
    const result = buildGiving360Export(source([grant('g1')]), validator, {
      ...OPTIONS,
      dataSource: 'nesta',
    });
    expect(result.schemaErrors).toEqual([
      { path: '/grants/0/dataSource', message: 'must match format "uri"' },
    ]);
  });

  it('given an export, when written as CSV and parsed back through unflatten, then the same grants come back', () => {
    const grants = buildGiving360Export(
      source([
        grant('g1', { amountAwardedPence: 123_456, purpose: 'Line one,\nline "two"' }),
        grant('360G-fundingproviders-000001', {
          recipient: { innovatorId: 'i3', name: 'A company', orgId: 'GB-COH-09876543' },
        }),
      ]),
      validator,
      OPTIONS,
    ).package.grants;

    const csv = renderGiving360Csv(grants);

    expect(csv.split('\n')[0]).toBe(
      'Identifier,Title,Description,Currency,Amount Awarded,Amount Disbursed,Award Date,' +
        'Recipient Org:Identifier,Recipient Org:Name,Recipient Org:Company Number,' +
        'Funding Org:Identifier,Funding Org:Name,Grant Programme:Code,Grant Programme:Title,Last Modified,Data Source',
    );
    expect(csv).toContain(',1234.56,10000,');
    expect(parseGiving360Csv(csv)).toEqual(grants);
  });
});
