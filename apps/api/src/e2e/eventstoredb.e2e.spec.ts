// The api on EventStoreDB: the command path, idempotency, the budget race and read-your-writes,
// against a real server (EVENTSTORE_TEST_URL, or a container when Docker answers), else skipped.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { StartedTestContainer } from 'testcontainers';
import { EVENTSTORE_STARTUP_MS, findEventStoreDbServer, startEventStoreDbContainer } from '@ledger/testing';
import { awardBody, enrolBody, launchBody } from '../testing/iep-fixtures.js';
import { startTestLedger, type TestLedger } from '../testing/test-ledger.js';

const server = await findEventStoreDbServer();

const suite = (): void => {
  let container: StartedTestContainer | undefined;
  let ledger: TestLedger;
  const programmeId = `esdb-${randomUUID()}`;
  const pm = (): string => `Bearer ${ledger.tokens['programme-manager']}`;

  beforeAll(async () => {
    let connectionString = server.kind === 'url' ? server.url : '';
    if (server.kind === 'docker') ({ container, connectionString } = await startEventStoreDbContainer());
    ledger = await startTestLedger(
      { logger: false },
      { LEDGER_EVENT_STORE: 'eventstoredb', EVENTSTORE_URL: connectionString },
    );
    await ledger.http
      .post('/programmes')
      .set('Authorization', pm())
      .send(launchBody(programmeId, 3 * 2_000_000))
      .expect(201);
  }, EVENTSTORE_STARTUP_MS);
  afterAll(async () => {
    await ledger?.close();
    await container?.stop();
  });

  it('given an enrolled innovator, when a grant is awarded with an Idempotency-Key twice, then one award is recorded and the register shows it at the position answered', async () => {
    const innovatorId = `inn-${randomUUID()}`;
    await ledger.http
      .post(`/programmes/${programmeId}/innovators`)
      .set('Authorization', pm())
      .send(enrolBody(innovatorId))
      .expect(201);
    const key = randomUUID();
    const body = awardBody(programmeId, innovatorId, `g-${randomUUID()}`);

    const first = await ledger.http
      .post('/grants')
      .set('Authorization', pm())
      .set('Idempotency-Key', key)
      .send(body);
    const again = await ledger.http
      .post('/grants')
      .set('Authorization', pm())
      .set('Idempotency-Key', key)
      .send(body);

    expect(first.status).toBe(201);
    expect(again.body).toMatchObject({
      replayed: true,
      position: (first.body as { position: string }).position,
    });
    const grants = await ledger.http
      .get(
        `/grants?programmeId=${programmeId}&atLeast=${encodeURIComponent((first.body as { position: string }).position)}`,
      )
      .set('Authorization', pm())
      .expect(200);
    expect((grants.body as { items: { amountAwarded: number }[] }).items.map((g) => g.amountAwarded)).toEqual(
      [2_000_000],
    );
  });

  it('given room for two more grants, when five awards race, then exactly two succeed and three get GRANT.BUDGET_EXCEEDED', async () => {
    const innovators = Array.from({ length: 5 }, () => `race-${randomUUID()}`);
    for (const id of innovators) {
      await ledger.http
        .post(`/programmes/${programmeId}/innovators`)
        .set('Authorization', pm())
        .send(enrolBody(id))
        .expect(201);
    }
    const responses = await Promise.all(
      innovators.map((innovatorId) =>
        ledger.http
          .post('/grants')
          .set('Authorization', pm())
          .send(awardBody(programmeId, innovatorId, `g-${randomUUID()}`)),
      ),
    );
    expect(responses.filter((r) => r.status === 201)).toHaveLength(2);
    const refused = responses.filter((r) => r.status !== 201);
    expect(refused.map((r) => (r.body as { code: string }).code)).toEqual(
      Array(3).fill('GRANT.BUDGET_EXCEEDED'),
    );
  });
};

if (server.kind === 'none') {
  process.stdout.write(`EventStoreDB e2e skipped: ${server.reason}\n`);
  describe.skip(`the api on EventStoreDB (skipped: ${server.reason})`, suite);
} else {
  describe('the api on EventStoreDB', suite);
}
