import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { openForm } from '../testing/browser-form.js';
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

  const signIn = async (token: string, next = '/streams/programme-signin-p') => {
    const form = await openForm(ledger.http);
    return ledger.http
      .post('/sign-in')
      .set('Cookie', form.cookie)
      .type('form')
      .send({ token, next, _csrf: form.csrf });
  };

  it('given an auditor token, when signing in, then an HttpOnly SameSite=Strict cookie is set and reads work with it', async () => {
    const res = await signIn(ledger.tokens.auditor);
    expect(res.status).toBe(303);

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
    const session = String((await signIn(ledger.tokens.admin)).headers['set-cookie']).split(';')[0] ?? '';
    const before = await ledger.store.headPosition();
    const res = await ledger.http
      .post('/programmes/signin-p/close')
      .set('Cookie', session)
      .send({ closedOn: '2018-09-30' });
    expect(res.status).toBe(401);
    expect(await ledger.store.headPosition()).toEqual(before);
  });

  it('given a wrong token, when signing in, then 401 with the form again and no cookie', async () => {
    const res = await signIn('plt_wrong');
    expect(res.status).toBe(401);
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(res.text).toContain('That token is not valid.');
  });

  it('given an absolute next URL, when signing in, then it redirects to / instead (no open redirect)', async () => {
    const res = await signIn(ledger.tokens.auditor, 'https://evil.example/');
    expect(res.status).toBe(303);
    expect(res.headers['location']).toBe('/');
  });

  it('given no session, when a browser asks for a page, then it is sent to sign in', async () => {
    const res = await ledger.http.get('/streams/programme-signin-p').set('Accept', 'text/html').expect(303);
    expect(res.headers['location']).toBe('/sign-in?next=%2Fstreams%2Fprogramme-signin-p');
  });

  it('given a valid token, when the sign-in form is posted without the CSRF token, or with a token from another browser, then 403, no session, nothing done', async () => {
    const bare = await ledger.http
      .post('/sign-in')
      .type('form')
      .send({ token: ledger.tokens.auditor, next: '/' });
    const mine = await openForm(ledger.http);
    const theirs = await openForm(ledger.http);
    const crossed = await ledger.http
      .post('/sign-in')
      .set('Cookie', mine.cookie)
      .type('form')
      .send({ token: ledger.tokens.auditor, next: '/', _csrf: theirs.csrf.slice(0, -2) + 'xx' });

    for (const res of [bare, crossed]) {
      expect(res.status).toBe(403);
      expect(res.text).toContain('sent from another site');
      expect(String(res.headers['set-cookie'] ?? '')).not.toMatch(/ledger_session=[^;]/);
    }
  });

  it('given a signed-in browser, when another site posts the sign-out form without the token, then 403 and the session still works; with the token, then signed out', async () => {
    const session = String((await signIn(ledger.tokens.auditor)).headers['set-cookie']).split(';')[0] ?? '';
    const forged = await ledger.http.post('/sign-out').set('Cookie', session).type('form').send({});
    expect(forged.status).toBe(403);
    await ledger.http.get('/streams/programme-signin-p').set('Cookie', session).expect(200);

    const form = await openForm(ledger.http, '/', session);
    const out = await ledger.http
      .post('/sign-out')
      .set('Cookie', form.cookie)
      .type('form')
      .send({ _csrf: form.csrf });
    expect([out.status, out.headers['location']]).toEqual([303, '/sign-in']);
    expect((await ledger.http.get('/streams/programme-signin-p').set('Cookie', session)).status).toBe(401);
  });

  it('given next twice or as an object in the query, when the sign-in page opens, then 200 with the form going to /, never a 500', async () => {
    for (const query of ['next=%2F&next=0', 'next[a]=%2Fx', 'next[]=%2F']) {
      const res = await ledger.http.get(`/sign-in?${query}`);
      expect([query, res.status]).toEqual([query, 200]);
      expect(res.text).toContain('name="next" value="/"');
    }
  });
});
