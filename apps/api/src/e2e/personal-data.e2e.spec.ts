import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { RecordedEvent } from '@ledger/event-store';
import { openRawEventStore } from '@ledger/stores';
import { startTestLedger, type TestLedger } from '../testing/test-ledger.js';

const NAME = 'Philippa Quatermain-Oduya';
const EMAIL = 'philippa.qo@example.org';

describe('personal data over HTTP (SPEC §6)', () => {
  let ledger: TestLedger;
  const partnerId = `partner-${randomUUID()}`;
  const personId = `contact-${partnerId}`;
  const auth = (role: keyof TestLedger['tokens']) => ({ Authorization: `Bearer ${ledger.tokens[role]}` });
  const register = (id: string, contactPerson: object) =>
    ledger.http
      .post('/partners')
      .set(auth('programme-manager'))
      .send({ partnerId: id, name: 'Harbourside Bank (illustrative)', sector: 'business', contactPerson });
  const contactOf = async (stream: string): Promise<unknown> => {
    const res = await ledger.http.get(`/streams/${stream}`).set(auth('auditor')).expect(200);
    const [event] = (res.body as { events: RecordedEvent[] }).events;
    return (event?.data as { contactPerson?: unknown }).contactPerson;
  };
  const forget = (
    id: string,
    role: keyof TestLedger['tokens'] = 'admin',
    body: object = { reason: 'Erasure request 2019-17' },
  ) => ledger.http.post(`/people/${id}/forget`).set(auth(role)).send(body);

  beforeAll(async () => {
    ledger = await startTestLedger();
    await register(partnerId, { name: NAME, email: EMAIL }).expect(201);
  });
  afterAll(() => ledger.close());

  it('given a partner registered with a contact person and no person id, then the API shows them with contact-<partnerId>, while the log holds ciphertext', async () => {
    expect(await contactOf(`partner-${partnerId}`)).toEqual({ personId, name: NAME, email: EMAIL });
    const raw = openRawEventStore(ledger.config);
    try {
      const [stored] = (await raw.readStream(`partner-${partnerId}`)).events;
      expect(stored?.schemaVersion).toBe(2);
      expect((stored?.data as { contactPerson: unknown }).contactPerson).toEqual({
        personId,
        encrypted: {
          alg: 'A256GCM',
          iv: expect.any(String),
          tag: expect.any(String),
          ciphertext: expect.any(String),
        },
      });
      expect(JSON.stringify(stored)).not.toContain(NAME);
    } finally {
      await raw.close();
    }
  });

  it('given a contact person with a person id that is not an id, when registered, then 400 names the field and nothing is written', async () => {
    const id = `partner-${randomUUID()}`;
    const res = await register(id, { personId: 'not an id', name: NAME }).expect(400);
    expect(res.body).toMatchObject({
      code: 'REQUEST.INVALID',
      errors: [
        {
          field: 'contactPerson.personId',
          messages: ['personId must be 1-128 letters, digits or ._:- starting with a letter or digit'],
        },
      ],
    });
    await ledger.http.get(`/streams/partner-${id}`).set(auth('auditor')).expect(404);
  });

  it('given a programme manager, when they try to forget a person, then 403 and the person is still readable, also as at a past position', async () => {
    const res = await forget(personId, 'programme-manager').expect(403);
    expect(res.body).toMatchObject({ code: 'AUTH.FORBIDDEN' });
    expect(await contactOf(`partner-${partnerId}`)).toMatchObject({ name: NAME });
    // Builds (and keeps) the read models as at the registration: the last test asks again after the forget.
    const past = await ledger.http
      .get(`/audit/streams/partner-${partnerId}?asAt=1`)
      .set(auth('auditor'))
      .expect(200);
    expect(JSON.stringify(past.body)).toContain(NAME);
  });

  it('given no reason, when an admin forgets a person, then 400 names the reason and nothing is written', async () => {
    const res = await forget(personId, 'admin', {}).expect(400);
    expect(JSON.stringify(res.body)).toContain('reason');
    expect(await contactOf(`partner-${partnerId}`)).toMatchObject({ name: NAME });
  });

  it('given a person nobody recorded, when an admin forgets them, then 404 PERSON.NOT_FOUND', async () => {
    const res = await forget(`nobody-${randomUUID()}`).expect(404);
    expect(res.body).toMatchObject({ code: 'PERSON.NOT_FOUND' });
  });

  it('given an admin, when they forget the contact person, then 201 with the erasure, and the partner reads erased in the log and the audit trail', async () => {
    const res = await forget(personId).expect(201);
    const outcome = res.body as { stream: string; revision: number; position: string; replayed: boolean };
    expect(outcome).toMatchObject({ stream: `person-${personId}`, revision: 0, replayed: false });
    const [erasure] = (await ledger.http.get(`/streams/person-${personId}`).set(auth('auditor')).expect(200))
      .body.events as RecordedEvent[];
    expect(erasure).toMatchObject({
      type: 'PersonalDataErased',
      data: { personId },
      metadata: { reason: 'Erasure request 2019-17', actor: { role: 'admin' } },
    });
    expect(await contactOf(`partner-${partnerId}`)).toEqual({ personId, erased: true });
    const audit = await ledger.http
      .get(`/audit/streams/partner-${partnerId}?atLeast=${outcome.position}`)
      .set(auth('auditor'))
      .expect(200);
    expect(JSON.stringify(audit.body)).not.toContain(NAME);
    expect(
      (audit.body as { events: { data: { contactPerson: unknown } }[] }).events[0]?.data.contactPerson,
    ).toEqual({
      personId,
      erased: true,
    });
  });

  it('given a forgotten person, when forgotten again, then 201 with the same erasure and Idempotent-Replayed', async () => {
    const res = await forget(personId).expect(201);
    expect(res.headers['idempotent-replayed']).toBe('true');
    expect(res.body).toMatchObject({ stream: `person-${personId}`, revision: 0, replayed: true });
  });

  it('given a forgotten person, when a new partner is registered naming them, then 409 PERSON.ERASED and nothing is written', async () => {
    const id = `partner-${randomUUID()}`;
    const res = await register(id, { personId, name: NAME }).expect(409);
    expect(res.body).toMatchObject({ code: 'PERSON.ERASED', details: { personId } });
    await ledger.http.get(`/streams/partner-${id}`).set(auth('auditor')).expect(404);
  });

  it('given read models as at a past position built before the forget, when asked again after it, then the person reads erased there too', async () => {
    const res = await ledger.http
      .get(`/audit/streams/partner-${partnerId}?asAt=1`)
      .set(auth('auditor'))
      .expect(200);
    expect(JSON.stringify(res.body)).not.toContain(NAME);
  });
});
