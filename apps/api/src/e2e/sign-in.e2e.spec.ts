import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { launchBody } from '../testing/iep-fixtures.js';
import { startTestLedger, type TestLedger } from '../testing/test-ledger.js';

describe('browser sign-in for auditors', () => {
  let ledger: TestLedger;
  beforeAll(async () => {
    ledger = await startTestLedger();
    await ledger.http
      .post('/programmes')
      .set('Authorization', `Bearer ${ledger.tokens['programme-manager']}`)
      .send(launchBody('signin-p'))
      .expect(201);
  });
  afterAll(() => ledger.close());

  const signIn = (token: string, next = '/streams/programme-signin-p') =>
    ledger.http.post('/sign-in').type('form').send({ token, next });

  it('given an auditor token, when signing in, then an HttpOnly SameSite=Strict cookie is set and reads work with it', async () => {
    const res = await signIn(ledger.tokens.auditor).expect(303);

    expect(res.headers['location']).toBe('/streams/programme-signin-p');
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/^ledger_session=[\w-]{20,};/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const session = cookie.split(';')[0] ?? '';
    const read = await ledger.http.get('/streams/programme-signin-p').set('Cookie', session).expect(200);
    expect((read.body as { revision: number }).revision).toBe(0);
  });

  it('given a session cookie, when it is used to write, then 401: writes always need the bearer header', async () => {
    const session =
      String((await signIn(ledger.tokens.admin).expect(303)).headers['set-cookie']).split(';')[0] ?? '';
    const before = await ledger.store.headPosition();
    const res = await ledger.http
      .post('/programmes/signin-p/close')
      .set('Cookie', session)
      .send({ closedOn: '2018-09-30' });
    expect(res.status).toBe(401);
    expect(await ledger.store.headPosition()).toEqual(before);
  });

  it('given a wrong token, when signing in, then 401 with the form again and no cookie', async () => {
    const res = await signIn('plt_wrong').expect(401);
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(res.text).toContain('That token is not valid.');
  });

  it('given an absolute next URL, when signing in, then it redirects to / instead (no open redirect)', async () => {
    const res = await signIn(ledger.tokens.auditor, 'https://evil.example/').expect(303);
    expect(res.headers['location']).toBe('/');
  });

  it('given no session, when a browser asks for a page, then it is sent to sign in', async () => {
    const res = await ledger.http.get('/streams/programme-signin-p').set('Accept', 'text/html').expect(303);
    expect(res.headers['location']).toBe('/sign-in?next=%2Fstreams%2Fprogramme-signin-p');
  });
});
