import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { openForm } from '../testing/browser-form.js';
import { launchBody } from '../testing/iep-fixtures.js';
import { startTestLedger, type TestLedger } from '../testing/test-ledger.js';

/** Helmet's headers on every answer, and failed logins locked out per address (3 in 60 s here). */
describe('security of the api', () => {
  let ledger: TestLedger;
  beforeAll(async () => {
    ledger = await startTestLedger({ logger: false }, { LEDGER_AUTH_FAILURE_LIMIT: '3' });
  });
  afterAll(() => ledger.close());

  it.each([
    ['a query', '/grants'],
    ['an error', '/no-such-route'],
    ['a probe', '/health/live'],
  ])('given %s, when answered, then the security headers are set', async (_, path) => {
    const res = await ledger.http.get(path).set('Authorization', `Bearer ${ledger.tokens.auditor}`);

    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'self'");
    expect(res.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('given three wrong bearer tokens from one address, when it tries again, then 429 with Retry-After even for a valid token, and nothing is written', async () => {
    const before = await ledger.store.headPosition();
    for (let i = 0; i < 3; i += 1) {
      const wrong = await ledger.http.get('/grants').set('Authorization', `Bearer plt_wrong${i}`);
      expect(wrong.status).toBe(401);
    }

    const locked = await ledger.http
      .post('/programmes')
      .set('Authorization', `Bearer ${ledger.tokens['programme-manager']}`)
      .send(launchBody('locked-out'));

    expect(locked.status).toBe(429);
    expect(locked.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect((locked.body as { code: string }).code).toBe('AUTH.TOO_MANY_FAILURES');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(locked.headers['retry-after'])).toBeLessThanOrEqual(300);
    expect(await ledger.store.headPosition()).toEqual(before);
    // The sign-in form is locked out too, and says so.
    const page = await openForm(ledger.http);
    const form = await ledger.http
      .post('/sign-in')
      .set('Cookie', page.cookie)
      .type('form')
      .send({ token: ledger.tokens.auditor, _csrf: page.csrf });
    expect(form.status).toBe(429);
    expect(form.text).toContain('Too many failed sign-ins');
    // Probes present no token and are never locked out; nor is a request without credentials.
    await ledger.http.get('/health/live').expect(200);
    const anonymous = await ledger.http.get('/grants');
    expect(anonymous.status).toBe(401);
  });
});
