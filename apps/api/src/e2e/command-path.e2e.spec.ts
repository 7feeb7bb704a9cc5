import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { RecordedEvent } from '@ledger/event-store';
import { awardBody, enrolBody, launchBody } from '../testing/iep-fixtures.js';
import { startTestLedger, type TestLedger } from '../testing/test-ledger.js';

describe('the command path over HTTP', () => {
  let ledger: TestLedger;
  const programmeId = `p-${randomUUID()}`;
  const innovatorId = `i-${randomUUID()}`;
  const grantId = `g-${randomUUID()}`;
  const auth = (role: keyof TestLedger['tokens']) => ({ Authorization: `Bearer ${ledger.tokens[role]}` });

  beforeAll(async () => {
    ledger = await startTestLedger();
    await ledger.http
      .post('/programmes')
      .set(auth('programme-manager'))
      .send(launchBody(programmeId))
      .expect(201);
    await ledger.http
      .post(`/programmes/${programmeId}/innovators`)
      .set(auth('programme-manager'))
      .send(enrolBody(innovatorId))
      .expect(201);
  });
  afterAll(() => ledger.close());

  it('given an enrolled innovator, when a grant is awarded, then it answers where it wrote and records the principal as actor', async () => {
    const res = await ledger.http
      .post('/grants')
      .set(auth('programme-manager'))
      .set('X-Correlation-Id', 'corr-1')
      .send(awardBody(programmeId, innovatorId, grantId))
      .expect(201);

    expect(res.body).toMatchObject({ stream: `grant-${grantId}`, revision: 0, replayed: false });
    expect(res.headers['etag']).toBe('W/"0"');
    const stream = await ledger.http.get(`/streams/grant-${grantId}`).set(auth('auditor')).expect(200);
    const [event] = (stream.body as { events: RecordedEvent[] }).events;
    expect(event).toMatchObject({
      type: 'GrantAwarded',
      stream: `grant-${grantId}`,
      streamRevision: 0,
      occurredAt: '2017-09-01T00:00:00.000Z',
      schemaVersion: 1,
      data: { amount: 2_000_000, currency: 'GBP', programmeId, innovatorId },
      metadata: {
        actor: { role: 'programme-manager' },
        correlationId: 'corr-1',
        source: 'api',
        commandId: (res.body as { commandId: string }).commandId,
      },
    });
    expect(event?.metadata.actor.id).toMatch(/^[0-9a-f-]{36}$/);
    const outcome = res.body as { position: string; eventIds: string[] };
    expect(outcome.eventIds).toContain(event?.eventId);
    expect(
      ledger.store.comparePositions(event?.globalPosition ?? ('0' as never), outcome.position as never),
    ).toBeLessThan(0);
    expect(Date.parse(event?.recordedAt ?? '')).toBeGreaterThan(Date.parse('2020-01-01'));
  });

  it('given a command id seen before, when the same command is retried, then the first result returns and nothing is written', async () => {
    const key = `key-${randomUUID()}`;
    const body = { amountPence: 500_000, paidOn: '2017-10-01' };
    const first = await ledger.http
      .post(`/grants/${grantId}/payments`)
      .set(auth('programme-manager'))
      .set('Idempotency-Key', key)
      .send(body)
      .expect(201);
    const head = await ledger.store.headPosition();

    const again = await ledger.http
      .post(`/grants/${grantId}/payments`)
      .set(auth('programme-manager'))
      .set('Idempotency-Key', key)
      .send(body)
      .expect(201);

    expect(again.body).toEqual({ ...(first.body as object), replayed: true });
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(await ledger.store.headPosition()).toEqual(head);
    const reused = await ledger.http
      .post(`/grants/${grantId}/payments`)
      .set(auth('programme-manager'))
      .set('Idempotency-Key', key)
      .send({ ...body, amountPence: 1 });
    expect(reused.status).toBe(422);
    expect(reused.body).toMatchObject({ code: 'IDEMPOTENCY.KEY_REUSED' });
    expect(await ledger.store.headPosition()).toEqual(head);
  });

  it('given a grant, when read with its ETag, then 304; when written with the current If-Match, then accepted', async () => {
    const read = await ledger.http.get(`/streams/grant-${grantId}`).set(auth('auditor')).expect(200);
    const etag = read.headers['etag'] as string;
    await ledger.http
      .get(`/streams/grant-${grantId}`)
      .set(auth('auditor'))
      .set('If-None-Match', etag)
      .expect(304);

    const res = await ledger.http
      .post(`/grants/${grantId}/corrections`)
      .set(auth('admin'))
      .set('If-Match', etag)
      .send({ toPence: 1_800_000, reason: 'Award letter said £18,000' })
      .expect(201);

    const events = (
      (await ledger.http.get(`/streams/grant-${grantId}`).set(auth('auditor'))).body as {
        events: RecordedEvent[];
      }
    ).events;
    const correction = events.at(-1);
    expect(correction).toMatchObject({
      type: 'GrantAmountCorrected',
      data: { from: 2_000_000, to: 1_800_000 },
      metadata: { reason: 'Award letter said £18,000', actor: { role: 'admin' } },
    });
    expect(res.headers['etag']).toBe(`W/"${correction?.streamRevision}"`);
    const programme = (
      (await ledger.http.get(`/streams/programme-${programmeId}`).set(auth('auditor'))).body as {
        events: RecordedEvent[];
      }
    ).events;
    expect(programme.at(-1)).toMatchObject({
      type: 'GrantFundsReleased',
      data: { grantId, amount: 200_000 },
    });
  });

  it('given the api, when /docs-json is fetched without a token, then the OpenAPI document lists the command endpoints', async () => {
    const res = await ledger.http.get('/docs-json').expect(200);
    const paths = Object.keys((res.body as { paths: Record<string, unknown> }).paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/programmes',
        '/grants',
        '/grants/{grantId}/payments',
        '/partnerships',
        '/streams/{stream}',
      ]),
    );
  });
});
