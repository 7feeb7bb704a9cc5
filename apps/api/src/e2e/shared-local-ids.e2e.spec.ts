import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ProjectionStatus } from '@ledger/projections';
import type { ImpactReport } from '@ledger/reporting';
import { awardBody, enrolBody, launchBody } from '../testing/iep-fixtures.js';
import { startTestLedger, type TestLedger } from '../testing/test-ledger.js';

const PROGRAMME = 'keys-2017';
const INNOVATORS = ['keys-inn-a', 'keys-inn-b'] as const;
const REPORT = `/programmes/${PROGRAMME}/reports/impact`;

/**
 * Issue 16: ids the domain makes unique per stream only (an income id per innovator, a payment id
 * per grant, a forecast per innovator and date) reused by two innovators. Every command is accepted,
 * and so must every read model be: no projection stops, and every figure counts both (ADR 0017).
 */
describe('two innovators reusing the ids the domain makes unique per stream', () => {
  let ledger: TestLedger;
  let last: string;
  const as = (role: keyof TestLedger['tokens']) => ({ Authorization: `Bearer ${ledger.tokens[role]}` });
  const post = async (path: string, body: object): Promise<void> => {
    const res = await ledger.http.post(path).set(as('programme-manager')).send(body).expect(201);
    last = (res.body as { position: string }).position;
  };

  beforeAll(async () => {
    ledger = await startTestLedger();
    await post('/programmes', launchBody(PROGRAMME));
    for (const [index, innovatorId] of INNOVATORS.entries()) {
      const n = index + 1;
      const grantId = `${innovatorId}-grant`;
      await post(`/programmes/${PROGRAMME}/innovators`, enrolBody(innovatorId));
      await post('/grants', awardBody(PROGRAMME, innovatorId, grantId, 1_000_000 * n));
      await post(`/grants/${grantId}/payments`, {
        paymentId: 'payment-1',
        amountPence: 100_000 * n,
        paidOn: '2017-10-01',
      });
      await post(`/innovators/${innovatorId}/income`, {
        ...{ incomeId: 'income-1', amountPence: 2_000_000 * n, periodStart: '2018-04-01' },
        ...{ periodEnd: '2018-09-30', source: 'earned', attributableToProgramme: true },
      });
      await post(`/innovators/${innovatorId}/forecasts`, {
        amountPence: 3_000_000 * n,
        horizonMonths: 12,
        asOf: '2018-09-30',
      });
    }
  }, 60_000);
  afterAll(() => ledger.close());

  it('given both innovators’ reports accepted, when the impact report is asked after the last of them, then it counts both incomes, payments and forecasts', async () => {
    const res = await ledger.http.get(`${REPORT}?atLeast=${last}`).set(as('auditor')).expect(200);

    const report = res.body as ImpactReport;
    expect(report.income.total.pence).toBe(2_000_000 + 4_000_000);
    expect(report.grants.paid.pence).toBe(100_000 + 200_000);
    expect(report.forecast.total.pence).toBe(3_000_000 + 6_000_000);
    expect(report.ledgerPosition).toBe(last);
  });

  it('given both innovators’ reports accepted, when the projections and readiness are asked, then none stopped', async () => {
    const res = await ledger.http.get('/projections').set(as('auditor')).expect(200);
    const { projections } = res.body as { projections: ProjectionStatus[] };

    expect(projections.filter((projection) => projection.status === 'failed')).toEqual([]);
    const ready = await ledger.http.get('/health/ready').expect(200);
    expect(ready.body).toMatchObject({ status: 'ok', details: { projections: { status: 'up' } } });
  });

  it('given both innovators’ reports accepted, when each read model is asked as at the head, then each answers with both', async () => {
    const report = await ledger.http.get(`${REPORT}?asAt=${last}`).set(as('auditor')).expect(200);
    expect((report.body as ImpactReport).income.total.pence).toBe(6_000_000);

    for (const [index, innovatorId] of INNOVATORS.entries()) {
      const res = await ledger.http
        .get(`/innovators/${innovatorId}?asAt=${last}`)
        .set(as('auditor'))
        .expect(200);
      expect(res.body).toMatchObject({ income: 2_000_000 * (index + 1), amountPaid: 100_000 * (index + 1) });
    }
  });
});
