import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { AppendResult } from '@ledger/event-store';
import type { ProjectionStatus } from '@ledger/projections';
import { PROBLEM_CONTENT_TYPE } from '../http/problem-details.js';
import { launchBody } from '../testing/iep-fixtures.js';
import { startTestLedger, type TestLedger } from '../testing/test-ledger.js';

const PROGRAMME = 'stopped-2017';
const REPORT = `/programmes/${PROGRAMME}/reports/impact`;
/** The read models that refuse a payment on a grant never awarded; the audit trail and funnel go on. */
const STOPPED = ['grant-register', 'innovator-summary', 'programme-impact'];

interface FailedProblem {
  readonly status: number;
  readonly code: string;
  readonly detail: string;
  readonly asAt?: string;
  readonly projections: readonly { name: string; status: string; error: Record<string, unknown> }[];
}

/**
 * ADR 0018: while a projection is stopped by a failure, every query and report that depends on it
 * answers 503 problem+json naming it, the event and the error, as at now or as at a position the
 * failure is replayed at; never figures frozen before it. Readiness stays 200, degraded.
 */
describe('a projection stopped at an event it cannot apply', () => {
  let ledger: TestLedger;
  let launched: string;
  let poison: AppendResult;
  const auditor = () => ({ Authorization: `Bearer ${ledger.tokens.auditor}` });
  const get = (path: string) => ledger.http.get(path).set(auditor());

  /** Asserts a 503 PROJECTION.FAILED naming the stopped projections with the poison event. */
  const expectFailed = (
    res: { status: number; headers: Record<string, string>; body: unknown },
    names: string[],
  ) => {
    expect(res.status).toBe(503);
    expect(res.headers['content-type']).toContain(PROBLEM_CONTENT_TYPE);
    const body = res.body as FailedProblem;
    expect(body.code).toBe('PROJECTION.FAILED');
    expect(body.projections.map((p) => p.name).sort()).toEqual([...names].sort());
    for (const projection of body.projections) {
      expect(projection).toMatchObject({
        status: 'failed',
        error: {
          eventId: poison.eventIds[0],
          eventType: 'GrantPaymentMade',
          position: poison.position,
          message: expect.stringContaining('never-awarded'),
        },
      });
      expect(body.detail).toContain(`${projection.name} stopped at event ${poison.eventIds[0]}`);
    }
    return body;
  };

  beforeAll(async () => {
    ledger = await startTestLedger();
    const res = await ledger.http
      .post('/programmes')
      .set({ Authorization: `Bearer ${ledger.tokens['programme-manager']}` })
      .send(launchBody(PROGRAMME))
      .expect(201);
    launched = (res.body as { position: string }).position;
    // Written past the deciders, as a bug or an import might: a payment on a grant never awarded.
    poison = await ledger.store.appendToStream('grant-never-awarded', 'any', [
      {
        type: 'GrantPaymentMade',
        data: { grantId: 'never-awarded', paymentId: 'p-1', amount: 100, paidOn: '2017-10-01' },
        schemaVersion: 1,
        occurredAt: '2017-10-01T00:00:00.000Z',
        metadata: {
          actor: { id: 'importer', role: 'admin' },
          ...{ commandId: 'poison', correlationId: 'poison', causationId: 'poison', source: 'cli' },
        },
      },
    ]);
    // Until the three have stopped at it, and the others have passed it.
    for (let tries = 0; ; tries += 1) {
      const { projections } = (await get('/projections').expect(200)).body as {
        projections: ProjectionStatus[];
      };
      const failed = projections.filter((p) => p.status === 'failed').map((p) => p.name);
      if (failed.length === STOPPED.length && projections.every((p) => p.status === 'failed' || p.upToDate))
        break;
      if (tries > 100) throw new Error(`The projections did not stop: ${JSON.stringify(projections)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }, 60_000);
  afterAll(() => ledger.close());

  it('given programme impact stopped, when the impact report is asked as JSON, CSV or HTML, then each answers 503 naming it, the event and the error, and no seal is made', async () => {
    const before = (await ledger.allEvents()).length;

    for (const format of ['json', 'csv', 'html']) {
      expectFailed(await get(`${REPORT}?format=${format}`), ['programme-impact']);
    }

    expect((await ledger.allEvents()).length).toBe(before);
  });

  it('given the register and the summaries stopped, when they are queried, then 503 naming each; the audit trail and funnel still answer', async () => {
    expectFailed(await get('/grants'), ['grant-register']);
    expectFailed(await get('/grants/never-awarded'), ['grant-register']);
    expectFailed(await get('/innovators'), ['innovator-summary']);

    await get('/audit/events?type=GrantPaymentMade').expect(200);
    await get(`/programmes/${PROGRAMME}/funnel`).expect(200);
  });

  it('given a report asked with atLeast the head, when answered, then 503 says it stopped rather than that it is behind', async () => {
    expectFailed(await get(`${REPORT}?atLeast=${poison.position}`), ['programme-impact']);
    expectFailed(await get(`${REPORT}?atLeast=${launched}`), ['programme-impact']);
  });

  it('given the failure replayed as at the head, when asked with asAt, then 503 naming the event (never a 500), while as at before it the report answers', async () => {
    const body = expectFailed(await get(`${REPORT}?asAt=${poison.position}`), ['programme-impact']);
    expect(body.asAt).toBe(poison.position);
    expectFailed(await get(`/grants?asAt=${poison.position}`), ['grant-register']);
    await get(`/audit/events?asAt=${poison.position}`).expect(200);

    const before = await get(`${REPORT}?asAt=${launched}`).expect(200);
    expect((before.body as { ledgerPosition: string }).ledgerPosition).toBe(launched);
  });

  it('given projections stopped, when readiness is probed without a token, then 200 degraded naming each, the stores up, and no event or error (the probe is public)', async () => {
    const ready = await ledger.http.get('/health/ready').expect(200);

    const body = ready.body as { status: string; info: object; error: { projections: object } };
    expect(body.status).toBe('degraded');
    expect(body.info).toMatchObject({ 'event-store': { status: 'up' }, 'read-store': { status: 'up' } });
    expect(body.error.projections).toEqual({
      status: 'down',
      failed: STOPPED,
      message: expect.stringContaining('GET /projections'),
    });
    expect(ready.text).not.toContain(poison.eventIds[0]);
    expect(ready.text).not.toContain('never-awarded');
  });
});
