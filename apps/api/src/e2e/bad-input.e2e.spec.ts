import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { awardBody, enrolBody, launchBody } from '../testing/iep-fixtures.js';
import { startTestLedger, type TestLedger } from '../testing/test-ledger.js';

/** For each kind of bad input: the right status and stable code, and the event log unchanged. */
describe('bad input over HTTP', () => {
  let ledger: TestLedger;
  const programmeId = `p-${randomUUID()}`;
  const innovatorId = `i-${randomUUID()}`;
  const grantId = `g-${randomUUID()}`;
  const bearer = (role: keyof TestLedger['tokens']) => `Bearer ${ledger.tokens[role]}`;

  beforeAll(async () => {
    ledger = await startTestLedger();
    const pm = bearer('programme-manager');
    await ledger.http.post('/programmes').set('Authorization', pm).send(launchBody(programmeId)).expect(201);
    await ledger.http
      .post(`/programmes/${programmeId}/innovators`)
      .set('Authorization', pm)
      .send(enrolBody(innovatorId))
      .expect(201);
    await ledger.http
      .post('/grants')
      .set('Authorization', pm)
      .send(awardBody(programmeId, innovatorId, grantId))
      .expect(201);
    await ledger.http
      .post(`/grants/${grantId}/payments`)
      .set('Authorization', pm)
      .send({ amountPence: 1000, paidOn: '2017-09-02' })
      .expect(201);
  });
  afterAll(() => ledger.close());

  type Case = {
    name: string;
    role?: keyof TestLedger['tokens'] | 'none' | 'bad-token';
    method?: 'post' | 'get';
    path: () => string;
    body?: () => object;
    headers?: Record<string, string>;
    status: number;
    code: string;
    fields?: string[];
  };

  const award = (over: object) => () => ({
    ...awardBody(programmeId, innovatorId, `g-${randomUUID()}`),
    ...over,
  });
  const cases: Case[] = [
    {
      name: 'a missing field',
      path: () => '/grants',
      body: () => {
        const { title: _t, ...rest } = awardBody(programmeId, innovatorId, `g-${randomUUID()}`);
        return rest;
      },
      status: 400,
      code: 'REQUEST.INVALID',
      fields: ['title'],
    },
    {
      name: 'a wrong type',
      path: () => '/grants',
      body: award({ amountPence: '2000000' }),
      status: 400,
      code: 'REQUEST.INVALID',
      fields: ['amountPence'],
    },
    {
      name: 'a negative amount',
      path: () => '/grants',
      body: award({ amountPence: -100 }),
      status: 400,
      code: 'REQUEST.INVALID',
      fields: ['amountPence'],
    },
    {
      name: 'a fractional amount',
      path: () => '/grants',
      body: award({ amountPence: 20000.5 }),
      status: 400,
      code: 'REQUEST.INVALID',
      fields: ['amountPence'],
    },
    {
      name: 'several bad fields at once, each named',
      path: () => '/grants',
      body: award({
        amountPence: 1.5,
        awardedOn: '2017-02-30',
        fundingOrganisation: { name: '', orgId: 'nope' },
      }),
      status: 400,
      code: 'REQUEST.INVALID',
      fields: ['amountPence', 'awardedOn', 'fundingOrganisation.name', 'fundingOrganisation.orgId'],
    },
    {
      name: 'an unknown field',
      path: () => '/grants',
      body: award({ approvedBy: 'me' }),
      status: 400,
      code: 'REQUEST.INVALID',
      fields: ['approvedBy'],
    },
    {
      name: 'malformed JSON',
      path: () => '/grants',
      body: () => ({}),
      headers: { 'Content-Type': 'application/json' },
      status: 400,
      code: 'REQUEST.MALFORMED_JSON',
    },
    {
      name: 'an unknown innovator',
      path: () => '/grants',
      body: award({ innovatorId: 'nobody' }),
      status: 404,
      code: 'INNOVATOR.NOT_FOUND',
    },
    {
      name: 'an unknown grant',
      path: () => '/grants/nothing-here/payments',
      body: () => ({ amountPence: 100, paidOn: '2017-10-01' }),
      status: 404,
      code: 'GRANT.NOT_FOUND',
    },
    {
      name: 'a future date',
      path: () => '/grants',
      body: award({ awardedOn: '2999-01-01' }),
      status: 422,
      code: 'DATE.IN_FUTURE',
    },
    {
      name: 'a zero amount',
      path: () => '/grants',
      body: award({ amountPence: 0 }),
      status: 422,
      code: 'GRANT.AMOUNT_NOT_POSITIVE',
    },
    {
      name: 'the wrong role (an auditor recording)',
      role: 'auditor',
      path: () => '/grants',
      body: award({}),
      status: 403,
      code: 'AUTH.FORBIDDEN',
    },
    {
      name: 'the wrong role (a programme manager correcting)',
      path: () => `/grants/${grantId}/corrections`,
      body: () => ({ toPence: 1_000_000, reason: 'typo' }),
      status: 403,
      code: 'AUTH.FORBIDDEN',
    },
    {
      name: 'no token',
      role: 'none',
      path: () => '/grants',
      body: award({}),
      status: 401,
      code: 'AUTH.UNAUTHENTICATED',
    },
    {
      name: 'an unknown token',
      role: 'bad-token',
      path: () => '/grants',
      body: award({}),
      status: 401,
      code: 'AUTH.UNAUTHENTICATED',
    },
    {
      name: 'a stale If-Match',
      path: () => `/grants/${grantId}/payments`,
      body: () => ({ amountPence: 100, paidOn: '2017-10-01' }),
      headers: { 'If-Match': 'W/"0"' },
      status: 412,
      code: 'STREAM.REVISION_MISMATCH',
    },
    {
      name: 'a broken rule (overpayment)',
      path: () => `/grants/${grantId}/payments`,
      body: () => ({ amountPence: 1_999_001, paidOn: '2017-10-01' }),
      status: 422,
      code: 'GRANT.OVERPAID',
    },
    {
      name: 'a broken rule (award beyond the budget)',
      path: () => '/grants',
      body: award({ amountPence: 34_000_001 }),
      status: 422,
      code: 'GRANT.BUDGET_EXCEEDED',
    },
    {
      name: 'a broken rule (creating what exists)',
      path: () => '/grants',
      body: () => awardBody(programmeId, innovatorId, grantId),
      status: 409,
      code: 'GRANT.ALREADY_AWARDED',
    },
    {
      name: 'a correction without a reason',
      role: 'admin',
      path: () => `/grants/${grantId}/corrections`,
      body: () => ({ toPence: 1 }),
      status: 400,
      code: 'REQUEST.INVALID',
      fields: ['reason'],
    },
    {
      name: 'a bad id in the path',
      path: () => '/grants/%20bad%20/void',
      body: () => ({ reason: 'x' }),
      role: 'admin',
      status: 400,
      code: 'REQUEST.INVALID',
    },
    {
      name: 'an unknown stream',
      method: 'get',
      path: () => '/streams/grant-none',
      status: 404,
      code: 'STREAM.NOT_FOUND',
    },
  ];

  it.each(cases)(
    'given a ledger with a grant, when sending $name, then $status $code and nothing is written',
    async (c) => {
      const before = await ledger.store.headPosition();
      let req = c.method === 'get' ? ledger.http.get(c.path()) : ledger.http.post(c.path());
      const role = c.role ?? 'programme-manager';
      if (role === 'bad-token') req = req.set('Authorization', 'Bearer plt_not-a-real-token');
      else if (role !== 'none') req = req.set('Authorization', bearer(role));
      for (const [name, value] of Object.entries(c.headers ?? {})) req = req.set(name, value);
      const res =
        c.name === 'malformed JSON'
          ? await req.send('{"grantId": ')
          : await (c.body ? req.send(c.body()) : req);

      expect(res.status).toBe(c.status);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ status: c.status, code: c.code });
      const named = (res.body as { errors?: { field: string }[] }).errors?.map((e) => e.field) ?? [];
      expect(named).toEqual(expect.arrayContaining(c.fields ?? []));
      expect(JSON.stringify(res.body)).not.toMatch(/at .*\.(js|ts):\d+|SQLITE|sqlite3/);
      expect(await ledger.store.headPosition()).toEqual(before);
    },
  );
});
