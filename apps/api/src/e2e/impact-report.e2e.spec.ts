import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ImpactReport } from '@ledger/reporting';
import { startDemoLedger } from '../testing/demo-ledger.js';
import type { TestLedger } from '../testing/test-ledger.js';

/** SPEC §8: after the demo the DCMS impact report shows exactly the IEP accelerator's figures. */
describe('the DCMS impact report of the IEP demo', () => {
  let ledger: TestLedger & { demo: { lastPosition: string } };
  let report: ImpactReport;
  const auditor = () => ({ Authorization: `Bearer ${ledger.tokens.auditor}` });

  beforeAll(async () => {
    ledger = await startDemoLedger();
    const res = await ledger.http
      .get('/programmes/iep-2017/reports/impact?format=json')
      .set(auditor())
      .expect(200);
    report = res.body as ImpactReport;
  }, 120_000);
  afterAll(() => ledger.close());

  it('given the demo, when the report is asked for, then it shows exactly the IEP figures', () => {
    expect(report.innovators.total).toEqual({ value: 18, display: '18' });
    expect(report.grants.count).toEqual({ value: 18, display: '18' });
    expect(report.grants.awarded).toEqual({ pence: 36_000_000, display: '£360,000' });
    expect(report.introductions.made).toEqual({ value: 230, display: '230' });
    expect(report.partnerships.confirmed).toEqual({ value: 100, display: '100' });
    expect(report.partnerships.target).toMatchObject({ value: 9 });
    expect(report.partnerships.percentOfTarget.display).toBe('1,111%');
    expect(report.partnerships.conversionRate.display).toBe('43.5%');
    expect(report.income.total).toEqual({ pence: 65_000_000, display: '£650,000' });
    expect(report.forecast.total).toEqual({ pence: 320_000_000, display: '£3,200,000' });
    expect(report.ledgerPosition).toBe(ledger.demo.lastPosition);
  });

  it('given the demo’s corrections, when the report is asked for, then its corrections section lists them with who and why', () => {
    const types = report.corrections.map((c) => c.type).sort();
    expect(types).toEqual(['GrantAmountCorrected', 'IntroductionVoided', 'PartnershipVoided']);
    for (const correction of report.corrections) {
      expect(correction.actor.role).toBe('admin');
      expect(correction.reason.length).toBeGreaterThan(0);
    }
  });

  it('given the report, when asked as CSV and HTML, then both state the same figures and the ledger position', async () => {
    const csv = await ledger.http
      .get('/programmes/iep-2017/reports/impact?format=csv')
      .set(auditor())
      .expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    for (const text of ['£360,000', '1,111%', '43.5%', '£650,000', '£3,200,000'])
      expect(csv.text).toContain(text);
    const html = await ledger.http
      .get('/programmes/iep-2017/reports/impact?format=html')
      .set(auditor())
      .expect(200);
    expect(html.headers['content-type']).toMatch(/^text\/html/);
    expect(html.headers['x-ledger-position']).toBe(report.ledgerPosition);
    expect(html.text).toContain(`data-figure="ledgerPosition"`);
    expect(html.text).not.toMatch(/https?:\/\//);
  });

  it('given a grant register query with atLeast, when asked, then it answers with the read model caught up', async () => {
    const res = await ledger.http
      .get(`/grants?programmeId=iep-2017&limit=500&atLeast=${ledger.demo.lastPosition}`)
      .set(auditor())
      .expect(200);
    const page = res.body as { total: number; items: { amountAwarded: number; status: string }[] };
    expect(page.total).toBe(18);
    expect(page.items.reduce((sum, g) => sum + g.amountAwarded, 0)).toBe(36_000_000);
  });
});
