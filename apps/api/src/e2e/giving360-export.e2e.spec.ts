import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  bundledSchemaDir,
  createGiving360Validator,
  type Giving360Package,
  type Giving360Validator,
  loadGiving360SchemaFiles,
  parseGiving360Csv,
  type QualityFinding,
} from '@ledger/giving360';
import { startDemoLedger } from '../testing/demo-ledger.js';
import { awardBody, DCMS, enrolBody, launchBody } from '../testing/iep-fixtures.js';
import { startTestLedger, type TestLedger } from '../testing/test-ledger.js';

/** The standard's files as shipped beside the repository; the ledger's own copy when they are absent. */
const SHIPPED = join(process.cwd(), '../shared/data/360giving');
function shippedSchemas(): Giving360Validator {
  if (existsSync(SHIPPED)) return createGiving360Validator(loadGiving360SchemaFiles(SHIPPED));
  process.stdout.write(`${SHIPPED} is absent: validating against the bundled copy ${bundledSchemaDir()}\n`);
  return createGiving360Validator(loadGiving360SchemaFiles());
}

const EXPORT = '/programmes/iep-2017/exports/360giving';
const PUBLISHING = 'prefix=nesta-iep&dataSource=https://www.nesta.org.uk/iep/360giving.json';

/** The acceptance: the demo programme exported through the real API, valid against the shipped schemas. */
describe('the 360Giving export of the IEP demo', () => {
  let ledger: TestLedger & { demo: { lastPosition: string } };
  let pkg: Giving360Package;
  let position: string | undefined;
  const auditor = () => ({ Authorization: `Bearer ${ledger.tokens.auditor}` });

  beforeAll(async () => {
    ledger = await startDemoLedger();
    const res = await ledger.http.get(`${EXPORT}?${PUBLISHING}`).set(auditor()).expect(200);
    pkg = res.body as Giving360Package;
    position = res.headers['x-ledger-position'];
  }, 120_000);
  afterAll(() => ledger.close());

  it('given the demo, when exported as JSON, then the package is valid against the shipped package schema', () => {
    expect(shippedSchemas().validatePackage(pkg)).toEqual([]);
    expect(pkg.version).toBe('1.4');
    expect(position).toBe(ledger.demo.lastPosition);
  });

  it('given the demo, when exported, then it holds 18 grants totalling 360000 pounds from DCMS, published by Nesta', () => {
    expect(pkg.grants).toHaveLength(18);
    expect(pkg.grants.reduce((sum, grant) => sum + grant.amountAwarded, 0)).toBe(360_000);
    expect(new Set(pkg.grants.map((grant) => grant.amountAwarded))).toEqual(new Set([20_000]));
    expect(new Set(pkg.grants.flatMap((grant) => grant.fundingOrganization.map((org) => org.id)))).toEqual(
      new Set(['GB-GOR-D5']),
    );
    expect(pkg.publisher).toEqual({ identifier: 'GB-CHC-1144091', name: 'Nesta' });
  });

  it('given the demo, when exported, then ids, recipients, dates, programme and source are the ledger’s', () => {
    const [first] = pkg.grants;
    expect(pkg.grants.every((grant) => /^360G-nesta-iep-iep-grant-\d{2}$/.test(grant.id))).toBe(true);
    expect(first).toMatchObject({
      id: '360G-nesta-iep-iep-grant-01',
      currency: 'GBP',
      amountAwarded: 20_000,
      amountDisbursed: 20_000,
      recipientOrganization: [
        { id: '360G-nesta-iep-innovator-iep-innovator-01', name: expect.stringMatching(/^Illustrative/) },
      ],
      fundingOrganization: [DCMS].map(({ orgId, name }) => ({ id: orgId, name })),
      grantProgramme: [{ code: 'iep-2017', title: expect.any(String) }],
      dataSource: 'https://www.nesta.org.uk/iep/360giving.json',
    });
    expect(first?.awardDate).toMatch(/^2017-\d{2}-\d{2}$/);
    expect(Number.isNaN(Date.parse(first?.dateModified ?? ''))).toBe(false);
  });

  it('given the demo, when exported as CSV, then it has the standard’s titles and parses back to the same grants', async () => {
    const res = await ledger.http.get(`${EXPORT}?format=csv&${PUBLISHING}`).set(auditor()).expect(200);

    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    const header = res.text.split('\n')[0];
    expect(header).toBe(
      'Identifier,Title,Description,Currency,Amount Awarded,Amount Disbursed,Award Date,' +
        'Recipient Org:Identifier,Recipient Org:Name,Funding Org:Identifier,Funding Org:Name,' +
        'Grant Programme:Code,Grant Programme:Title,Last Modified,Data Source',
    );
    expect(parseGiving360Csv(res.text)).toEqual(pkg.grants);
  });

  it('given no prefix configured or asked for, when exported, then 400 names LEDGER_360GIVING_PREFIX', async () => {
    const res = await ledger.http.get(EXPORT).set(auditor()).expect(400);
    expect(res.body).toMatchObject({ code: 'GIVING360.PREFIX_REQUIRED' });
    expect((res.body as { detail: string }).detail).toContain('LEDGER_360GIVING_PREFIX');
  });

  it('given an unknown programme or a bad prefix, when exported, then 404 and 400', async () => {
    await ledger.http.get(`/programmes/nope/exports/360giving?${PUBLISHING}`).set(auditor()).expect(404);
    const res = await ledger.http.get(`${EXPORT}?prefix=360G-nesta`).set(auditor()).expect(400);
    expect(res.body).toMatchObject({ code: 'REQUEST.INVALID' });
  });
});

/** Imported ids, voided and revoked grants, and quality findings, on a ledger configured for 360Giving. */
describe('the 360Giving export of a small configured ledger', () => {
  let ledger: TestLedger;
  let beforeVoid: string;
  let last: string;
  const as = (role: 'programme-manager' | 'admin' | 'auditor') => ({
    Authorization: `Bearer ${ledger.tokens[role]}`,
  });
  const post = async (
    path: string,
    body: object,
    role: 'programme-manager' | 'admin' = 'programme-manager',
  ) => {
    const res = await ledger.http.post(path).set(as(role)).send(body).expect(201);
    return (res.body as { position: string }).position;
  };

  beforeAll(async () => {
    ledger = await startTestLedger(
      { logger: false },
      {
        LEDGER_360GIVING_PREFIX: 'example-cf',
        LEDGER_360GIVING_DATA_SOURCE: 'https://example.org/360giving/grants.json',
      },
    );
    await post('/programmes', launchBody('p360'));
    await post('/programmes/p360/innovators', { ...enrolBody('i1'), orgId: 'GB-CHC-1144091' });
    await post('/programmes/p360/innovators', { ...enrolBody('i2'), orgId: 'GB-CHC-12345' });
    // An imported grant keeps the id its funder published.
    await post('/grants', awardBody('p360', 'i1', '360G-fundingproviders-000001', 152_505));
    await post('/grants', awardBody('p360', 'i1', 'g-revoked', 123_456));
    await post('/grants/g-revoked/revoke', { revokedOn: '2017-10-01', reason: 'Project stopped' });
    beforeVoid = await post('/grants', awardBody('p360', 'i2', 'g-voided', 1_000_000));
    last = await post('/grants/g-voided/void', { reason: 'Recorded twice' }, 'admin');
  }, 60_000);
  afterAll(() => ledger.close());

  const exportOf = (query: string) =>
    ledger.http.get(`/programmes/p360/exports/360giving?${query}`).set(as('auditor'));

  it('given live, revoked and voided grants, when exported, then revoked ones stay, voided ones go, imported ids come back unchanged', async () => {
    const res = await exportOf(`atLeast=${last}&allowFindings=true`).expect(200);
    const pkg = res.body as Giving360Package;

    expect(pkg.grants.map((grant) => [grant.id, grant.amountAwarded])).toEqual([
      ['360G-fundingproviders-000001', 1525.05],
      ['360G-example-cf-g-revoked', 1234.56],
    ]);
    expect(pkg.grants[0]?.recipientOrganization).toEqual([
      { id: 'GB-CHC-1144091', name: 'Illustrative innovator i1', charityNumber: '1144091' },
    ]);
    expect(pkg.grants.every((g) => g.dataSource === 'https://example.org/360giving/grants.json')).toBe(true);
    expect(shippedSchemas().validatePackage(pkg)).toEqual([]);
  });

  it('given a grant whose recipient has a bad charity number, when exported, then 422 lists the finding; with allowFindings the file comes with its count', async () => {
    const refused = await exportOf(`asAt=${beforeVoid}`).expect(422);
    expect(refused.body).toMatchObject({ code: 'GIVING360.QUALITY_FINDINGS' });
    expect((refused.body as { findings: QualityFinding[] }).findings).toEqual([
      {
        grantId: '360G-example-cf-g-voided',
        check: 'charity-number',
        message: 'Recipient Org:Identifier GB-CHC-12345: "12345" is not 6 or 7 digits',
      },
    ]);

    const allowed = await exportOf(`asAt=${beforeVoid}&allowFindings=true`).expect(200);
    expect(allowed.headers['x-360giving-findings']).toBe('1');
    expect(allowed.headers['x-ledger-position']).toBe(beforeVoid);
    expect((allowed.body as Giving360Package).grants).toHaveLength(3);
  });

  it('given the voided grant gone, when exported, then no finding is left and the file is served without allowFindings', async () => {
    const res = await exportOf(`atLeast=${last}`).expect(200);
    expect(res.headers['x-360giving-findings']).toBe('0');
  });

  it('given a programme without live grants, when exported, then 422 says there is nothing to export', async () => {
    const launched = await post('/programmes', launchBody('p-empty'));
    const res = await ledger.http
      .get(`/programmes/p-empty/exports/360giving?atLeast=${launched}`)
      .set(as('auditor'))
      .expect(422);
    expect(res.body).toMatchObject({ code: 'GIVING360.NO_GRANTS' });
  });
});
