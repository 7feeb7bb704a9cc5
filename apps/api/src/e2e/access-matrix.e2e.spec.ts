import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Response } from 'supertest';
import { type Role, ROLES } from '@ledger/auth';
import type { Position } from '@ledger/event-store';
import { type LedgerReadModels, PROJECTION_NAMES, type ProjectionRunner } from '@ledger/projections';
import { PROJECTION_RUNNER } from '../read-models/read-models.tokens.js';
import {
  ACCESS_MATRIX_END,
  ACCESS_MATRIX_START,
  accessMatrixSection,
  mayCall,
  renderAccessMatrix,
  tableCells,
  withAccessMatrix,
} from '../testing/access-matrix.js';
import { openForm } from '../testing/browser-form.js';
import { catalogueRoutes, type Endpoint, ENDPOINTS, registeredRoutes } from '../testing/endpoints.js';
import { awardBody, CHALLENGE_AREAS, enrolBody, launchBody } from '../testing/iep-fixtures.js';
import { startTestLedger, type TestLedger } from '../testing/test-ledger.js';

const README = fileURLToPath(new URL('../../../../README.md', import.meta.url));
const REGENERATE =
  'UPDATE_ACCESS_MATRIX=1 NODE_OPTIONS=--experimental-vm-modules npx jest apps/api/src/e2e/access-matrix -t README';

/** Who calls in this test: the README's columns, and a token the ledger never issued. */
type Caller = 'no token' | 'invalid token' | Role;
const CALLERS: readonly Caller[] = ['no token', 'invalid token', ...ROLES];

/** A request that succeeds when a caller allowed to make it makes it. */
interface Call {
  readonly path: string;
  readonly body?: object;
  /** Sent as a form (the browser sign-in) rather than JSON. */
  readonly form?: Record<string, string>;
  /** The status of success: one, or any of several (sealing answers 201, or 200 when nothing is new). */
  readonly success: number | readonly number[];
}

/**
 * The ids a role's calls work on, each set up in beforeAll: a role's commands never collide with
 * another's, so the programme manager and the admin both record the same command (201 each).
 */
function kitOf(role: Role) {
  const k = `am-${role}`;
  return {
    programme: `${k}-programme`,
    programmeToClose: `${k}-programme-to-close`,
    innovator: `${k}-innovator`,
    innovatorToWithdraw: `${k}-innovator-to-withdraw`,
    partner: `${k}-partner`,
    partnerWithContact: `${k}-partner-with-contact`,
    person: `${k}-person`,
    grant: `${k}-grant`,
    grantToRevoke: `${k}-grant-to-revoke`,
    grantToCorrect: `${k}-grant-to-correct`,
    grantToVoid: `${k}-grant-to-void`,
    introductionToClose: `${k}-introduction-to-close`,
    introductionToConfirm: `${k}-introduction-to-confirm`,
    introductionToVoid: `${k}-introduction-to-void`,
    introductionOfPartnershipToEnd: `${k}-introduction-of-partnership-to-end`,
    introductionOfPartnershipToVoid: `${k}-introduction-of-partnership-to-void`,
    partnershipToEnd: `${k}-partnership-to-end`,
    partnershipToVoid: `${k}-partnership-to-void`,
    fresh: (what: string) => `${k}-new-${what}`,
  };
}
type Kit = ReturnType<typeof kitOf>;

const introductionBody = (kit: Kit, introductionId: string) => ({
  introductionId,
  programmeId: kit.programme,
  innovatorId: kit.innovator,
  partnerId: kit.partner,
  madeBy: 'Nesta programme team',
  madeOn: '2017-10-12',
  channel: 'event',
});
const partnershipBody = (kit: Kit, introductionId: string, partnershipId: string) => ({
  partnershipId,
  introductionId,
  innovatorId: kit.innovator,
  partnerId: kit.partner,
  kind: 'funding',
  confirmedOn: '2018-01-20',
});
const partnerBody = (partnerId: string) => ({
  partnerId,
  name: `Illustrative partner ${partnerId}`,
  sector: 'business',
});
const reason = { reason: 'Recorded in error (access matrix test)' };

/**
 * Per endpoint, the valid request a caller sends with a role's kit. A route missing here fails the
 * test that holds this table to ENDPOINTS.
 */
const REQUESTS: Readonly<Record<string, (kit: Kit, tokens: TestLedger['tokens']) => Call>> = {
  'POST /programmes': (kit) => ({
    path: '/programmes',
    body: launchBody(kit.fresh('programme')),
    success: 201,
  }),
  'POST /programmes/:programmeId/targets': (kit) => ({
    path: `/programmes/${kit.programme}/targets`,
    body: { metric: 'introductions', value: 20 },
    success: 201,
  }),
  'POST /programmes/:programmeId/close': (kit) => ({
    path: `/programmes/${kit.programmeToClose}/close`,
    body: { closedOn: '2018-09-30' },
    success: 201,
  }),
  'POST /programmes/:programmeId/innovators': (kit) => ({
    path: `/programmes/${kit.programme}/innovators`,
    body: enrolBody(kit.fresh('innovator')),
    success: 201,
  }),
  'POST /innovators/:innovatorId/withdraw': (kit) => ({
    path: `/innovators/${kit.innovatorToWithdraw}/withdraw`,
    body: { withdrawnOn: '2018-01-01', ...reason },
    success: 201,
  }),
  'POST /innovators/:innovatorId/income': (kit) => ({
    path: `/innovators/${kit.innovator}/income`,
    body: {
      amountPence: 3_611_111,
      periodStart: '2018-03-01',
      periodEnd: '2018-09-30',
      source: 'earned',
      attributableToProgramme: true,
    },
    success: 201,
  }),
  'POST /innovators/:innovatorId/forecasts': (kit) => ({
    path: `/innovators/${kit.innovator}/forecasts`,
    body: { amountPence: 17_777_778, horizonMonths: 12, asOf: '2018-09-30' },
    success: 201,
  }),
  'POST /partners': (kit) => ({ path: '/partners', body: partnerBody(kit.fresh('partner')), success: 201 }),
  'POST /grants': (kit) => ({
    path: '/grants',
    body: awardBody(kit.programme, kit.innovator, kit.fresh('grant')),
    success: 201,
  }),
  'POST /grants/:grantId/payments': (kit) => ({
    path: `/grants/${kit.grant}/payments`,
    body: { amountPence: 100_000, paidOn: '2017-10-01' },
    success: 201,
  }),
  'POST /grants/:grantId/revoke': (kit) => ({
    path: `/grants/${kit.grantToRevoke}/revoke`,
    body: { revokedOn: '2018-01-01', ...reason },
    success: 201,
  }),
  'POST /introductions': (kit) => ({
    path: '/introductions',
    body: introductionBody(kit, kit.fresh('introduction')),
    success: 201,
  }),
  'POST /introductions/:introductionId/close': (kit) => ({
    path: `/introductions/${kit.introductionToClose}/close`,
    body: { outcome: 'no-fit', closedOn: '2017-11-01' },
    success: 201,
  }),
  'POST /partnerships': (kit) => ({
    path: '/partnerships',
    body: partnershipBody(kit, kit.introductionToConfirm, kit.fresh('partnership')),
    success: 201,
  }),
  'POST /partnerships/:partnershipId/end': (kit) => ({
    path: `/partnerships/${kit.partnershipToEnd}/end`,
    body: { endedOn: '2018-06-01', ...reason },
    success: 201,
  }),
  'POST /projects': (kit) => ({
    path: '/projects',
    body: {
      projectId: kit.fresh('project'),
      programmeId: kit.programme,
      title: 'Open banking challenge prize',
      leadOrganisations: ['Nesta'],
      challengeArea: CHALLENGE_AREAS[0],
      startedOn: '2018-06-01',
    },
    success: 201,
  }),
  'POST /grants/:grantId/corrections': (kit) => ({
    path: `/grants/${kit.grantToCorrect}/corrections`,
    body: { toPence: 1_500_000, ...reason },
    success: 201,
  }),
  'POST /grants/:grantId/void': (kit) => ({
    path: `/grants/${kit.grantToVoid}/void`,
    body: reason,
    success: 201,
  }),
  'POST /introductions/:introductionId/void': (kit) => ({
    path: `/introductions/${kit.introductionToVoid}/void`,
    body: reason,
    success: 201,
  }),
  'POST /partnerships/:partnershipId/void': (kit) => ({
    path: `/partnerships/${kit.partnershipToVoid}/void`,
    body: reason,
    success: 201,
  }),
  'POST /people/:personId/forget': (kit) => ({
    path: `/people/${kit.person}/forget`,
    body: { reason: 'Erasure request (access matrix test)' },
    success: 201,
  }),
  'POST /admin/projections/rebuild': () => ({ path: '/admin/projections/rebuild', success: 202 }),
  'POST /admin/projections/:name/rebuild': () => ({
    path: `/admin/projections/${PROJECTION_NAMES.grantRegister}/rebuild`,
    success: 202,
  }),
  'POST /audit/seals': () => ({ path: '/audit/seals', success: [200, 201] }),
  'GET /': () => ({ path: '/', success: 200 }),
  'GET /streams/:stream': (kit) => ({ path: `/streams/grant-${kit.grant}`, success: 200 }),
  'GET /grants': () => ({ path: '/grants', success: 200 }),
  'GET /grants/:grantId': (kit) => ({ path: `/grants/${kit.grant}`, success: 200 }),
  'GET /innovators': () => ({ path: '/innovators', success: 200 }),
  'GET /innovators/:innovatorId': (kit) => ({ path: `/innovators/${kit.innovator}`, success: 200 }),
  'GET /programmes/:programmeId/funnel': (kit) => ({
    path: `/programmes/${kit.programme}/funnel`,
    success: 200,
  }),
  'GET /programmes/:programmeId/reports/impact': (kit) => ({
    path: `/programmes/${kit.programme}/reports/impact`,
    success: 200,
  }),
  'GET /programmes/:programmeId/exports/360giving': (kit) => ({
    path: `/programmes/${kit.programme}/exports/360giving?allowFindings=true`,
    success: 200,
  }),
  'GET /audit/events': () => ({ path: '/audit/events', success: 200 }),
  'GET /audit/history': (kit) => ({ path: `/audit/history?stream=grant-${kit.grant}`, success: 303 }),
  'GET /audit/streams/:stream': (kit) => ({ path: `/audit/streams/grant-${kit.grant}`, success: 200 }),
  'GET /audit/verify': () => ({ path: '/audit/verify', success: 200 }),
  'GET /audit/seals': () => ({ path: '/audit/seals', success: 200 }),
  'GET /audit/seals/:sealNumber': () => ({ path: '/audit/seals/1', success: 200 }),
  'GET /projections': () => ({ path: '/projections', success: 200 }),
  'GET /health': () => ({ path: '/health', success: 200 }),
  'GET /health/live': () => ({ path: '/health/live', success: 200 }),
  'GET /health/ready': () => ({ path: '/health/ready', success: 200 }),
  'GET /metrics': () => ({ path: '/metrics', success: 200 }),
  'GET /favicon.ico': () => ({ path: '/favicon.ico', success: 204 }),
  'GET /sign-in': () => ({ path: '/sign-in', success: 200 }),
  // The form carries the credential; a bearer header, valid or not, changes nothing.
  'POST /sign-in': (_kit, tokens) => ({
    path: '/sign-in',
    form: { token: tokens.auditor, next: '/' },
    success: 303,
  }),
  'POST /sign-out': () => ({ path: '/sign-out', form: {}, success: 303 }),
  'GET /docs': () => ({ path: '/docs', success: 200 }),
  'GET /docs/': () => ({ path: '/docs/', success: 200 }),
  'GET /docs-json': () => ({ path: '/docs-json', success: 200 }),
  'GET /docs-yaml': () => ({ path: '/docs-yaml', success: 200 }),
};

/** The callers as test names say them. */
const WHO: Readonly<Record<Caller, string>> = {
  'no token': 'no token',
  'invalid token': 'a token the ledger never issued',
  ...(Object.fromEntries(
    ROLES.map((role) => [role, `${/^[aeiou]/.test(role) ? 'an' : 'a'} ${role}`]),
  ) as Record<Role, string>),
};
/** The success a test name states: the same for every kit, so any kit and no real token will do. */
const successOf = (endpoint: Endpoint): string => {
  const noTokens = Object.fromEntries(ROLES.map((role) => [role, ''])) as TestLedger['tokens'];
  const success = REQUESTS[routeOf(endpoint)]?.(kitOf('admin'), noTokens).success ?? [];
  return typeof success === 'number' ? String(success) : success.join(' or ');
};
const routeOf = (endpoint: Endpoint) => `${endpoint.method} ${endpoint.path}`;
const expectedOf = (endpoint: Endpoint, caller: Caller) => {
  if (caller === 'invalid token') return mayCall(endpoint.access, 'no token');
  return mayCall(endpoint.access, caller);
};

/**
 * The acceptance: every endpoint called by every role, with no token and with a token the
 * ledger never issued; only the roles SPEC §7 allows succeed, the others get 401 or 403 and write
 * nothing, and the README's matrix is this one.
 */
describe('access: every endpoint against every role and no token', () => {
  let ledger: TestLedger;
  const kits = Object.fromEntries(ROLES.map((role) => [role, kitOf(role)])) as Record<Role, Kit>;

  /** Sends the endpoint's request with the caller's token, if any, and the caller's kit. */
  const send = async (endpoint: Endpoint, caller: Caller): Promise<{ call: Call; res: Response }> => {
    const request = REQUESTS[routeOf(endpoint)];
    if (!request) throw new Error(`No request for ${routeOf(endpoint)}: add one to REQUESTS`);
    // Callers without a role work on the auditor's kit: a refused call never reaches it anyway.
    const call = request(
      kits[caller === 'no token' || caller === 'invalid token' ? 'auditor' : caller],
      ledger.tokens,
    );
    let req = endpoint.method === 'GET' ? ledger.http.get(call.path) : ledger.http.post(call.path);
    if (caller === 'invalid token') req = req.set('Authorization', 'Bearer not-a-token-the-ledger-issued');
    else if (caller !== 'no token') req = req.set('Authorization', `Bearer ${ledger.tokens[caller]}`);
    if (call.form) {
      // A browser's form: opened first, so it carries the page's CSRF cookie and token.
      const page = await openForm(ledger.http);
      req = req
        .set('Cookie', page.cookie)
        .type('form')
        .send({ ...call.form, _csrf: page.csrf });
    } else if (call.body) req = req.send(call.body);
    return { call, res: await req };
  };
  const setUp = async (path: string, body: object): Promise<void> => {
    const res = await ledger.http.post(path).set('Authorization', `Bearer ${ledger.tokens.admin}`).send(body);
    if (res.status !== 201) throw new Error(`set-up POST ${path} answered ${res.status}: ${res.text}`);
  };

  beforeAll(async () => {
    ledger = await startTestLedger(
      { logger: false },
      { LEDGER_SEAL_INTERVAL_SECONDS: '0', LEDGER_360GIVING_PREFIX: 'access-matrix' },
    );
    for (const kit of Object.values(kits)) {
      await setUp('/programmes', launchBody(kit.programme));
      await setUp('/programmes', launchBody(kit.programmeToClose));
      await setUp(`/programmes/${kit.programme}/innovators`, enrolBody(kit.innovator));
      await setUp(`/programmes/${kit.programme}/innovators`, enrolBody(kit.innovatorToWithdraw));
      await setUp('/partners', partnerBody(kit.partner));
      await setUp('/partners', {
        ...partnerBody(kit.partnerWithContact),
        contactPerson: { personId: kit.person, name: 'Illustrative Contact', email: 'contact@example.org' },
      });
      for (const grant of [kit.grant, kit.grantToRevoke, kit.grantToCorrect, kit.grantToVoid]) {
        await setUp('/grants', awardBody(kit.programme, kit.innovator, grant));
      }
      for (const introduction of [
        kit.introductionToClose,
        kit.introductionToConfirm,
        kit.introductionToVoid,
        kit.introductionOfPartnershipToEnd,
        kit.introductionOfPartnershipToVoid,
      ]) {
        await setUp('/introductions', introductionBody(kit, introduction));
      }
      await setUp(
        '/partnerships',
        partnershipBody(kit, kit.introductionOfPartnershipToEnd, kit.partnershipToEnd),
      );
      await setUp(
        '/partnerships',
        partnershipBody(kit, kit.introductionOfPartnershipToVoid, kit.partnershipToVoid),
      );
    }
    await setUp('/audit/seals', {});
    const runner = ledger.app.get<ProjectionRunner<LedgerReadModels>>(PROJECTION_RUNNER);
    const head = await ledger.store.headPosition();
    if (!head || !(await runner.waitFor(head, undefined, 10_000))) {
      throw new Error(`read models did not catch up: ${JSON.stringify(await runner.status())}`);
    }
  }, 30_000);
  afterAll(() => ledger.close());

  it('given the app, then the routes it serves are exactly those ENDPOINTS lists', () => {
    const served = new Set(registeredRoutes(ledger.app));
    const listed = new Set(catalogueRoutes());
    expect({
      servedButNotListed: [...served].filter((route) => !listed.has(route)),
      listedButNotServed: [...listed].filter((route) => !served.has(route)),
    }).toEqual({ servedButNotListed: [], listedButNotServed: [] });
  });

  it('given ENDPOINTS, then each has a valid request here to send, and nothing else does', () => {
    expect(Object.keys(REQUESTS).sort()).toEqual(catalogueRoutes().sort());
  });

  it("given any route, when it answers, then it carries helmet's security headers", async () => {
    const res = await ledger.http.get('/health').expect(200);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBeDefined();
  });

  it('given the README, then its access matrix is the one ENDPOINTS and can() give', () => {
    const expected = renderAccessMatrix();
    const readme = readFileSync(README, 'utf8');
    if (process.env['UPDATE_ACCESS_MATRIX'] === '1') {
      writeFileSync(README, withAccessMatrix(readme, expected));
      return;
    }
    const section = accessMatrixSection(readme);
    const hint = `README.md's access matrix (between ${ACCESS_MATRIX_START} and ${ACCESS_MATRIX_END}) is out of date: regenerate it with\n  ${REGENERATE}\nthen npx prettier --write README.md`;
    if (section === undefined) throw new Error(`${hint}\n(the markers are missing)`);
    try {
      expect(tableCells(section)).toEqual(tableCells(expected));
    } catch (error) {
      throw new Error(`${hint}\n\n${error instanceof Error ? error.message : String(error)}`);
    }
  });

  for (const endpoint of ENDPOINTS) {
    describe(`${routeOf(endpoint)} (${endpoint.access})`, () => {
      const refused = CALLERS.filter((caller) => !expectedOf(endpoint, caller));
      const allowed = CALLERS.filter((caller) => expectedOf(endpoint, caller));
      let head: Position | undefined;
      beforeAll(async () => {
        head = await ledger.store.headPosition();
      });

      if (refused.length > 0) {
        it.each(
          refused.map((caller) => ({
            caller,
            who: WHO[caller],
            status: caller === 'no token' || caller === 'invalid token' ? 401 : 403,
          })),
        )('given $who, when it calls, then $status', async ({ caller, status }) => {
          const { res } = await send(endpoint, caller);
          expect({ status: res.status, type: res.headers['content-type'], code: problemCode(res) }).toEqual({
            status,
            type: expect.stringMatching(/^application\/problem\+json/),
            code: status === 401 ? 'AUTH.UNAUTHENTICATED' : 'AUTH.FORBIDDEN',
          });
        });

        it('then the refused calls wrote nothing: the log ends where it did', async () => {
          expect(await ledger.store.headPosition()).toEqual(head);
        });
      }

      it.each(allowed.map((caller) => ({ caller, who: WHO[caller], success: successOf(endpoint) })))(
        'given $who, when it sends a valid request, then it succeeds: $success',
        async ({ caller }) => {
          const { call, res } = await send(endpoint, caller);
          const accepted: readonly number[] =
            typeof call.success === 'number' ? [call.success] : call.success;
          // The body says why, when it did not succeed.
          const answer = accepted.includes(res.status)
            ? res.status
            : `${res.status} ${res.text.slice(0, 500)}`;
          expect(accepted).toContain(answer);
        },
      );
    });
  }
});

function problemCode(res: Response): unknown {
  try {
    return (JSON.parse(res.text) as { code?: unknown }).code;
  } catch {
    return undefined;
  }
}
