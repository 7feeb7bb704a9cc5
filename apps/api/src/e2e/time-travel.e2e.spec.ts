import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { AuditEntry, GrantRegisterEntry } from '@ledger/projections';
import type { ImpactReport } from '@ledger/reporting';
import { startDemoLedger } from '../testing/demo-ledger.js';
import type { TestLedger } from '../testing/test-ledger.js';

const REPORT = '/programmes/iep-2017/reports/impact';
const GRANT = 2_000_000;
const CLI = join(process.cwd(), 'dist/apps/cli/src/main.js');

/**
 * SPEC §6 time travel: the impact report asked as at its own position, after corrections, is the
 * first report byte for byte; today's differs exactly by those corrections.
 */
describe('time travel over the IEP demo', () => {
  let ledger: TestLedger;
  let firstText: string;
  let first: ImpactReport;
  let lastWrite: string;
  const as = (role: keyof TestLedger['tokens']) => ({ Authorization: `Bearer ${ledger.tokens[role]}` });
  const reason = 'Found in the quarterly reconciliation';

  async function post(role: keyof TestLedger['tokens'], path: string, body: object): Promise<void> {
    const res = await ledger.http.post(path).set(as(role)).send(body).expect(201);
    lastWrite = (res.body as { position: string }).position;
  }

  async function closedIntroduction(): Promise<string> {
    const res = await ledger.http
      .get('/audit/events?type=IntroductionClosed&limit=1')
      .set(as('auditor'))
      .expect(200);
    const [closed] = (res.body as { items: AuditEntry[] }).items;
    if (closed?.entityId == null) throw new Error('The demo closes introductions; none found');
    return closed.entityId;
  }

  beforeAll(async () => {
    ledger = await startDemoLedger();
    const res = await ledger.http.get(`${REPORT}?format=json`).set(as('auditor')).expect(200);
    firstText = res.text;
    first = JSON.parse(firstText) as ImpactReport;
    // The budget is fully committed: voiding one award makes room to correct another one upwards.
    await post('admin', '/grants/iep-grant-05/void', { reason });
    await post('admin', '/grants/iep-grant-03/corrections', { toPence: GRANT + 500_000, reason });
    await post('admin', `/introductions/${await closedIntroduction()}/void`, { reason });
    await post('programme-manager', '/grants/iep-grant-09/revoke', { revokedOn: '2018-09-01', reason });
  }, 180_000);
  afterAll(() => ledger.close());

  it('given corrections since a report, when it is asked as at its position, then the JSON is byte-identical', async () => {
    const res = await ledger.http
      .get(`${REPORT}?format=json&asAt=${first.ledgerPosition}`)
      .set(as('auditor'))
      .expect(200);

    expect(res.text).toBe(firstText);
    expect(res.headers['x-ledger-position']).toBe(first.ledgerPosition);
    expect(res.headers['x-generated-at']).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  }, 60_000);

  it('given corrections since a report, when it is asked as at the instant its position was recorded, then the JSON is byte-identical', async () => {
    const res = await ledger.http
      .get(`${REPORT}?format=json&asAt=${encodeURIComponent(first.ledgerRecordedAt ?? '')}`)
      .set(as('auditor'))
      .expect(200);

    expect(res.text).toBe(firstText);
  }, 60_000);

  it('given corrections since a report, when today’s report is asked, then it lists exactly them and its figures moved by exactly their amounts', async () => {
    const res = await ledger.http
      .get(`${REPORT}?format=json&atLeast=${lastWrite}&correctionsSince=${first.ledgerPosition}`)
      .set(as('auditor'))
      .expect(200);
    const today = res.body as ImpactReport;

    expect(today.corrections.map((c) => [c.type, c.entityStream])).toEqual([
      ['GrantAwardVoided', 'grant-iep-grant-05'],
      ['GrantAmountCorrected', 'grant-iep-grant-03'],
      ['IntroductionVoided', expect.stringMatching(/^introduction-/)],
      ['GrantRevoked', 'grant-iep-grant-09'],
    ]);
    expect(today.ledgerPosition).toBe(lastWrite);
    // A later position, a later seal: the one made for this report.
    expect(today.seal).toMatchObject({ sealNumber: (first.seal?.sealNumber ?? 0) + 1, position: lastWrite });
    const { grants, introductions } = first;
    expect(today.grants).toMatchObject({
      count: { value: grants.count.value - 1 },
      awarded: { pence: grants.awarded.pence - GRANT + 500_000 },
      paid: { pence: grants.paid.pence - GRANT },
      revoked: grants.revoked + 1,
      voidedExcluded: grants.voidedExcluded + 1,
    });
    expect(today.introductions).toMatchObject({
      made: { value: introductions.made.value - 1 },
      voidedExcluded: introductions.voidedExcluded + 1,
    });
    expect(today.partnerships.conversionRate).toMatchObject({ denominator: introductions.made.value - 1 });
    expect(today.leverage).toMatchObject({ denominator: grants.awarded.pence - GRANT + 500_000 });
    expect(untouched(today)).toEqual(untouched(first));
  }, 60_000);

  it('given a grant corrected after a position, when the register is asked as at that position, then it shows the old amount', async () => {
    const then = await ledger.http
      .get(`/grants/iep-grant-03?asAt=${first.ledgerPosition}`)
      .set(as('auditor'))
      .expect(200);
    const now = await ledger.http
      .get(`/grants/iep-grant-03?atLeast=${lastWrite}`)
      .set(as('auditor'))
      .expect(200);

    expect(then.headers['x-ledger-position']).toBe(first.ledgerPosition);
    expect((then.body as GrantRegisterEntry).amountAwarded).toBe(GRANT);
    expect((now.body as GrantRegisterEntry).amountAwarded).toBe(GRANT + 500_000);
  }, 60_000);

  it('given a past position, when every other read model is asked as at it, then each answers from then', async () => {
    const asAt = `asAt=${first.ledgerPosition}`;
    const history = await ledger.http
      .get(`/audit/streams/grant-iep-grant-03?${asAt}`)
      .set(as('auditor'))
      .expect(200);
    const types = (history.body as { events: AuditEntry[] }).events.map((e) => e.type);
    expect(types).not.toContain('GrantAmountCorrected');
    const voids = await ledger.http
      .get(`/audit/events?type=GrantAwardVoided&${asAt}`)
      .set(as('auditor'))
      .expect(200);
    expect((voids.body as { items: AuditEntry[] }).items).toEqual([]);
    for (const path of [
      '/innovators?limit=1',
      '/innovators/iep-innovator-01?',
      '/programmes/iep-2017/funnel?',
    ]) {
      const res = await ledger.http.get(`${path}&${asAt}`).set(as('auditor')).expect(200);
      expect(res.headers['x-ledger-position']).toBe(first.ledgerPosition);
    }
  }, 60_000);

  it('given corrections since a report, when the reporting job writes it as at that position, then it is the first report', () => {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first (npm test does)`);
    const cli = (...args: string[]) =>
      spawnSync(process.execPath, [CLI, 'report', 'impact', '--programme', 'iep-2017', ...args], {
        env: { ...process.env, LEDGER_DATA_DIR: ledger.config.dataDir },
        encoding: 'utf8',
      });

    const result = cli('--as-at', first.ledgerPosition);

    expect(result.status).toBe(0);
    expect(result.stdout).toBe(`${JSON.stringify(first, null, 2)}\n`);
    const refused = cli('--as-at', '2018-10-15');
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('--as-at: asAt must be a ledger position or an ISO 8601 timestamp');
  }, 60_000);

  it('given asAt with atLeast, past the head or not a position or instant, when asked, then 400 names asAt', async () => {
    for (const query of [
      `asAt=1&atLeast=1`,
      `asAt=${Number(lastWrite) + 1000}`,
      'asAt=2018-10-15',
      'asAt=yesterday',
    ]) {
      const res = await ledger.http.get(`/grants?${query}`).set(as('auditor')).expect(400);
      expect(res.body).toMatchObject({ code: 'REQUEST.INVALID', errors: [{ field: 'asAt' }] });
    }
  });
});

/** Every part of the report the four corrections cannot move. */
function untouched(report: ImpactReport) {
  const moved = [
    'ledgerPosition',
    'ledgerRecordedAt',
    'seal',
    'correctionsSince',
    'corrections',
    'grants',
    'introductions',
    'leverage',
  ];
  const rest = Object.fromEntries(Object.entries(report).filter(([key]) => !moved.includes(key)));
  const { conversionRate: _moved, ...partnerships } = report.partnerships;
  return { ...rest, partnerships };
}
