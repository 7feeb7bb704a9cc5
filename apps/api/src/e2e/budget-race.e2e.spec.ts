import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { awardBody, enrolBody, launchBody } from '../testing/iep-fixtures.js';
import { startTestLedger, type TestLedger } from '../testing/test-ledger.js';

describe('racing awards against one budget', () => {
  let ledger: TestLedger;
  beforeAll(async () => {
    ledger = await startTestLedger();
  });
  afterAll(() => ledger.close());

  it('given a budget that holds 7 grants, when 20 awards race, then exactly 7 succeed and 13 get GRANT.BUDGET_EXCEEDED', async () => {
    const pm = `Bearer ${ledger.tokens['programme-manager']}`;
    const programmeId = `race-${randomUUID()}`;
    const grant = 2_000_000;
    await ledger.http
      .post('/programmes')
      .set('Authorization', pm)
      .send(launchBody(programmeId, 7 * grant + grant / 2))
      .expect(201);
    const innovators = Array.from({ length: 20 }, (_, i) => `race-inn-${i}-${randomUUID()}`);
    for (const id of innovators) {
      await ledger.http
        .post(`/programmes/${programmeId}/innovators`)
        .set('Authorization', pm)
        .send(enrolBody(id))
        .expect(201);
    }

    const responses = await Promise.all(
      innovators.map((innovatorId, i) =>
        ledger.http
          .post('/grants')
          .set('Authorization', pm)
          .send(awardBody(programmeId, innovatorId, `race-g-${i}-${programmeId}`, grant)),
      ),
    );

    const succeeded = responses.filter((r) => r.status === 201);
    const rejected = responses.filter((r) => r.status !== 201);
    expect(succeeded).toHaveLength(7);
    expect(rejected).toHaveLength(13);
    for (const r of rejected) expect(r.body).toMatchObject({ status: 422, code: 'GRANT.BUDGET_EXCEEDED' });

    const events = await ledger.allEvents();
    const awards = events.filter(
      (e) => e.type === 'GrantAwarded' && (e.data as { programmeId: string }).programmeId === programmeId,
    );
    const commits = events.filter(
      (e) => e.type === 'GrantFundsCommitted' && e.stream === `programme-${programmeId}`,
    );
    const sum = (list: typeof events) =>
      list.reduce((total, e) => total + (e.data as { amount: number }).amount, 0);
    expect(awards).toHaveLength(7);
    expect(sum(awards)).toBe(7 * grant);
    expect(sum(commits)).toBe(sum(awards));
    const programme = await ledger.http
      .get(`/streams/programme-${programmeId}`)
      .set('Authorization', pm)
      .expect(200);
    expect((programme.body as { revision: number }).revision).toBe(7);
  });
});
