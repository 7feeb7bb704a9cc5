import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { ALL_PROJECTIONS } from '@ledger/projections';
import { ENDPOINTS } from '../testing/endpoints.js';
import { CHALLENGE_AREAS, launchBody } from '../testing/iep-fixtures.js';
import { openForm } from '../testing/browser-form.js';
import { recordHostileWorld } from '../testing/hostile/hostile-world.js';
import { ledgerFootprint } from '../testing/hostile/ledger-footprint.js';
import { startTestLedger, type TestLedger } from '../testing/test-ledger.js';
import {
  badAuthorization,
  badHeaderKey,
  badIfMatch,
  brokenBody,
  encodeSegment,
  headerString,
  hostileString,
  injection,
  jsonText,
  malformedSegment,
  notJson,
  queryString,
  SEED,
  shapelessBody,
  strayHeader,
  unknownId,
  WRONG_CONTENT_TYPE,
} from '../testing/hostile/arbitraries.js';
import {
  BODYLESS_POSTS,
  BROWSER_FORMS,
  COMMAND_BODIES,
  type CommandBody,
  fillPath,
  paramsOf,
  realParams,
  type World,
} from '../testing/hostile/command-bodies.js';
import { DOCUMENTED_HEADER_KEY, trimOws, violations } from '../testing/hostile/documented-rules.js';
import { HostileClient, leaksIn, problemOf, Tally } from '../testing/hostile/hostile-client.js';
import { type HostileResponse, RawHttp, rawExchange } from '../testing/hostile/raw-http.js';

/*
 * Hostile input over real HTTP: property-based (fast-check), against a ledger with a programme,
 * innovators, a partner with a contact person, a grant with a payment, an introduction and a
 * partnership, sealed. Every request, whatever it is, must answer without a 5xx, without writing to
 * the log (its head is read before and after each one) and without a stack trace, a source path or
 * SQL in the answer. Commands must refuse with a 4xx application/problem+json carrying a code.
 *
 * Bodies sent to commands are broken by construction: a valid body with 1-3 fields missing, of a
 * wrong type, of a wrong value or an undeclared key added (see arbitraries.ts), or a shape no command
 * takes. Each one is also checked, before it is sent, against the documented rules written out in
 * documented-rules.ts (not the product's validators): a body those rules accept is never sent where
 * it could be written, so a write is always a finding, never a false alarm.
 *
 * HOSTILE_SEED=<n> runs other inputs; HOSTILE_RUNS_SCALE=<x> multiplies the number of runs.
 */

const SCALE = Number(process.env['HOSTILE_RUNS_SCALE'] ?? 1);
const runs = (n: number): number => Math.max(1, Math.round(n * SCALE));

const tally = new Tally();

async function forAll<T>(
  label: string,
  index: number,
  arbitrary: fc.Arbitrary<T>,
  numRuns: number,
  predicate: (value: T) => Promise<void>,
): Promise<void> {
  const writes = tally.writes;
  try {
    await fc.assert(fc.asyncProperty(arbitrary, predicate), { numRuns, seed: SEED + index });
  } catch (error) {
    // Once a run wrote, shrinking replays inputs against a changed ledger: name the write itself.
    const wrote = tally.writes > writes ? `\nFIRST WRITE: ${tally.firstWrite ?? ''}` : '';
    throw new Error(`${label}${wrote}\n${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
}

/** Keys and string values of a parsed body: what an answer may echo (see leaksIn). */
function stringsIn(value: unknown, depth = 0): string[] {
  if (typeof value === 'string') return [value];
  if (typeof value !== 'object' || value === null || depth > 4) return [];
  if (Array.isArray(value)) return value.flatMap((item) => stringsIn(item, depth + 1));
  return Object.entries(value).flatMap(([key, item]) => [key, ...stringsIn(item, depth + 1)]);
}

function parsedOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Whether the api's JSON parser takes a body of this content type (it may refuse its charset). */
function readsAsJson(contentType: string): boolean {
  return /^application\/(json|[^;/]*\+json)\s*(;|$)/.test(contentType);
}

/** What the api makes of a body under a content type: JSON, a urlencoded form, or nothing read. */
function asTheServerReadsIt(contentType: string, text: string): unknown {
  if (/^application\/x-www-form-urlencoded/.test(contentType)) {
    return Object.fromEntries(new URLSearchParams(text));
  }
  return readsAsJson(contentType) ? parsedOrUndefined(text) : {};
}

/** The precondition of every command body sent: the documented rules refuse it. */
function assertBroken(command: CommandBody, readAs: unknown, text: string): void {
  if (violations(command.fields, readAs).length === 0) {
    throw new Error(`generator error: a body the documented rules accept was about to be sent: ${text}`);
  }
}

const SIGN_IN_COOKIE = /ledger_session=[^;\s]/;
const JSON_TYPE: [string, string] = ['Content-Type', 'application/json'];

describe('hostile input', () => {
  let ledger: TestLedger;
  let http: RawHttp;
  let client: HostileClient;
  let world: World;
  let admin: [string, string];
  let eventsAtStart: number;

  const pathOf = (route: string): string =>
    fillPath(route, realParams(world, ALL_PROJECTIONS[0]?.name ?? ''));

  beforeAll(async () => {
    // Failed authentications are the point here: never lock loopback out. No seal on a timer.
    ledger = await startTestLedger(
      { logger: false },
      { LEDGER_SEAL_INTERVAL_SECONDS: '0', LEDGER_AUTH_FAILURE_LIMIT: '1000000' },
    );
    await ledger.app.listen(0, '127.0.0.1');
    const { port } = (ledger.app.getHttpServer() as Server).address() as AddressInfo;
    http = new RawHttp(port);
    client = new HostileClient(http, ledger.store, tally, () => ledgerFootprint(ledger.config));
    admin = ['Authorization', `Bearer ${ledger.tokens.admin}`];
    world = await recordHostileWorld(ledger);
    // Sealed, so that a report finds a seal covering it and never seals (writes) by itself.
    await ledger.http
      .post('/audit/seals')
      .set(...admin)
      .expect(201);
    await waitForProjections();
    eventsAtStart = (await ledger.allEvents()).length;
    process.stdout.write(`hostile-input: fast-check seed ${SEED} (HOSTILE_SEED=<n> to change)\n`);
  }, 60_000);

  afterAll(async () => {
    http.close();
    await ledger.close();
  });

  async function waitForProjections(): Promise<void> {
    for (let attempt = 0; attempt < 200; attempt++) {
      const res = await ledger.http
        .get('/projections')
        .set(...admin)
        .expect(200);
      const { projections } = res.body as { projections: { upToDate: boolean; status: string }[] };
      if (projections.every((p) => p.upToDate)) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error('the projections did not catch up');
  }

  it('given the endpoint catalogue, when sorting its POST endpoints, then each is a command with a described body, a body-less operation or a browser form', () => {
    const posts = ENDPOINTS.filter((e) => e.method === 'POST').map((e) => e.path);
    const described = [...COMMAND_BODIES.map((c) => c.path), ...BODYLESS_POSTS, ...BROWSER_FORMS];
    expect([...posts].sort()).toEqual([...described].sort());
  });

  it('given an admin token, when each command gets its valid body with 1-3 fields broken (missing, wrong type, wrong value, undeclared key) and odd text elsewhere, then 400 REQUEST.INVALID problem+json naming a field, and nothing is written', async () => {
    for (const [index, command] of COMMAND_BODIES.entries()) {
      const valid = command.valid(world, `fresh-${index}`);
      const endpoint = `POST ${command.path}`;
      await forAll(endpoint, index, brokenBody(command, valid), runs(40), async ({ text }) => {
        const parsed = JSON.parse(text) as unknown;
        assertBroken(command, parsed, text);
        const res = await client.send({
          category: 'broken bodies',
          endpoint,
          request: { method: 'POST', path: pathOf(command.path), headers: [admin, JSON_TYPE], body: text },
          sent: stringsIn(parsed),
        });
        const problem = problemOf(res, endpoint);
        expect([problem.status, problem.code]).toEqual([400, 'REQUEST.INVALID']);
        expect(problem.errors?.length).toBeGreaterThan(0);
      });
    }
  }, 180_000);

  it('given an admin token, when a command gets a body of a shape no command takes (random JSON and JS values, arrays, deep nesting, a field given twice with the broken one last), then 400 problem+json and nothing is written', async () => {
    for (const [index, command] of COMMAND_BODIES.entries()) {
      const valid = command.valid(world, `fresh-${index}`);
      const endpoint = `POST ${command.path}`;
      await forAll(endpoint, 100 + index, shapelessBody(command, valid), runs(14), async (text) => {
        const parsed = JSON.parse(text) as unknown;
        assertBroken(command, parsed, text);
        const res = await client.send({
          category: 'shapeless bodies',
          endpoint,
          request: { method: 'POST', path: pathOf(command.path), headers: [admin, JSON_TYPE], body: text },
          sent: stringsIn(parsed),
        });
        const problem = problemOf(res, endpoint);
        expect(problem.status).toBe(400);
        expect(['REQUEST.INVALID', 'REQUEST.MALFORMED_JSON']).toContain(problem.code);
      });
    }
  }, 180_000);

  it('given an admin token, when a command gets text that is not JSON, or a body under a content type it does not read as JSON, then a 4xx problem+json and nothing is written', async () => {
    for (const [index, command] of COMMAND_BODIES.entries()) {
      const valid = command.valid(world, `fresh-${index}`);
      const endpoint = `POST ${command.path}`;
      const garbage = notJson(valid).map((body) => ({ contentType: 'application/json', body }));
      const mistyped = WRONG_CONTENT_TYPE.chain((contentType) => {
        // A valid body only where it is not read as JSON at all (the model below checks that too).
        const broken = brokenBody(command, valid).map(({ text }) => text);
        const body = readsAsJson(contentType) ? broken : fc.oneof(fc.constant(jsonText(valid)), broken);
        return body.map((text) => ({ contentType, body: text }));
      });
      await forAll(
        endpoint,
        200 + index,
        fc.oneof(garbage, mistyped),
        runs(10),
        async ({ contentType, body }) => {
          if (typeof body === 'string') {
            const readAs = asTheServerReadsIt(contentType, body);
            // Text that is not JSON under a JSON type is refused by the parser: nothing to model.
            if (readAs !== undefined) assertBroken(command, readAs, body);
          }
          const headers: [string, string][] =
            contentType === '' ? [admin] : [admin, ['Content-Type', contentType]];
          const res = await client.send({
            category: 'not JSON / wrong content type',
            endpoint,
            request: { method: 'POST', path: pathOf(command.path), headers, body },
            sent: typeof body === 'string' ? [body, ...stringsIn(parsedOrUndefined(body))] : [],
          });
          problemOf(res, endpoint);
        },
      );
    }
  }, 180_000);

  it('given an admin token, when a route parameter is `..`, `%00`, SQL, far too long, malformed percent-encoding or an id nobody recorded, then a 4xx problem+json (never "malformed JSON" for a JSON body) and nothing is written', async () => {
    const commands = COMMAND_BODIES.filter((command) => paramsOf(command.path).length > 0);
    const real = new Set(Object.values(realParams(world, '')));
    for (const [index, command] of commands.entries()) {
      const valid = command.valid(world, `fresh-${index}`);
      const endpoint = `POST ${command.path}`;
      const names = paramsOf(command.path);
      const segment = fc.oneof(
        malformedSegment.map((value) => ({ value, wellFormed: false })),
        unknownId.filter((value) => !real.has(value)).map((value) => ({ value, wellFormed: true })),
      );
      const arbitrary = fc.record({
        segments: fc.array(segment, { minLength: names.length, maxLength: names.length }),
        body: fc.oneof(
          fc.constant(jsonText(valid)),
          brokenBody(command, valid).map(({ text }) => text),
        ),
      });
      await forAll(endpoint, 300 + index, arbitrary, runs(14), async ({ segments, body }) => {
        // A well-formed unknown id with a valid body would be written by a command that writes for
        // any id (forgetting a person): there the body is broken as well.
        const anyIdWrites = command.writesForUnknownId && segments.every((s) => s.wellFormed);
        const text = anyIdWrites ? jsonText({ ...valid, reason: '' }) : body;
        if (anyIdWrites) assertBroken(command, JSON.parse(text), text);
        const values = Object.fromEntries(names.map((name, i) => [name, segments[i]?.value ?? '']));
        const res = await client.send({
          category: 'path parameters',
          endpoint,
          request: {
            method: 'POST',
            path: fillPath(command.path, values),
            headers: [admin, JSON_TYPE],
            body: text,
          },
          sent: [...Object.values(values), ...stringsIn(JSON.parse(text))],
        });
        const problem = problemOf(res, endpoint);
        expect(problem.code).not.toBe('REQUEST.MALFORMED_JSON');
      });
    }
  }, 180_000);

  it('given a valid body, when a command carries a malformed Idempotency-Key, X-Correlation-Id or If-Match, a key given twice, or a bad Authorization (alone or first of two), then 400 or 401 problem+json and nothing is written', async () => {
    for (const [index, command] of COMMAND_BODIES.entries()) {
      const valid = command.valid(world, `fresh-header-${index}`);
      const endpoint = `POST ${command.path}`;
      type Case = { headers: [string, string][]; expected: [number, string] };
      const invalid =
        (name: string) =>
        (value: string): Case => ({
          headers: [admin, [name, value]],
          expected: [400, 'REQUEST.INVALID'],
        });
      const unauthenticated = (headers: [string, string][]): Case => ({
        headers,
        expected: [401, 'AUTH.UNAUTHENTICATED'],
      });
      const arbitrary = fc.record({
        case: fc.oneof(
          badHeaderKey.map(invalid('Idempotency-Key')),
          badHeaderKey.map(invalid('X-Correlation-Id')),
          badIfMatch.map(invalid('If-Match')),
          fc.constantFrom('Idempotency-Key', 'X-Correlation-Id', 'If-Match').map((name): Case => ({
            // Node joins a repeated header with ", ": never one key or revision.
            headers: [
              admin,
              [name, name === 'If-Match' ? 'W/"1"' : 'key-1'],
              [name, name === 'If-Match' ? '"2"' : 'key-2'],
            ],
            expected: [400, 'REQUEST.INVALID'],
          })),
          badAuthorization(ledger.tokens.admin).map((value) => unauthenticated([['Authorization', value]])),
          badAuthorization(ledger.tokens.admin).map((value) =>
            unauthenticated([['Authorization', value], admin]),
          ),
        ),
        stray: fc.array(strayHeader, { maxLength: 2 }),
      });
      await forAll(endpoint, 400 + index, arbitrary, runs(12), async ({ case: c, stray }) => {
        const res = await client.send({
          category: 'headers',
          endpoint,
          request: {
            method: 'POST',
            path: pathOf(command.path),
            headers: [...c.headers, ...stray, JSON_TYPE],
            body: jsonText(valid),
          },
          sent: [...c.headers.map(([, value]) => value), ...stray.map(([, value]) => value)],
        });
        const problem = problemOf(res, endpoint);
        expect([problem.status, problem.code]).toEqual(c.expected);
      });
    }
  }, 180_000);

  it('given no token or a bad one, when calling any endpoint that needs one, with any body, then 401 AUTH.UNAUTHENTICATED problem+json with WWW-Authenticate: Bearer, and nothing is written', async () => {
    const guarded = ENDPOINTS.filter((endpoint) => endpoint.access !== 'public');
    for (const [index, endpoint] of guarded.entries()) {
      const name = `${endpoint.method} ${endpoint.path}`;
      const command = COMMAND_BODIES.find((c) => c.path === endpoint.path && endpoint.method === 'POST');
      const body =
        endpoint.method === 'GET'
          ? fc.constant(undefined)
          : fc.oneof(
              fc.constant(command ? jsonText(command.valid(world, `fresh-anonymous-${index}`)) : '{}'),
              // Objects and arrays: the strict JSON parser refuses a bare 0 or "x" before the guard.
              fc
                .jsonValue({ maxDepth: 2 })
                .filter((value) => typeof value === 'object' && value !== null)
                .map((value) => jsonText(value)),
            );
      const arbitrary = fc.record({
        authorization: fc.option(badAuthorization(ledger.tokens.admin), { nil: undefined }),
        body,
      });
      await forAll(name, 500 + index, arbitrary, runs(5), async ({ authorization, body: text }) => {
        const headers: [string, string][] = [
          ...(authorization === undefined ? [] : [['Authorization', authorization] as [string, string]]),
          ...(text === undefined ? [] : [JSON_TYPE]),
        ];
        const res = await client.send({
          category: 'unauthenticated',
          endpoint: name,
          request: {
            method: endpoint.method,
            path: pathOf(endpoint.path),
            headers,
            ...(text === undefined ? {} : { body: text }),
          },
          sent: [authorization ?? '', ...stringsIn(parsedOrUndefined(text ?? ''))],
        });
        const problem = problemOf(res, name);
        expect([problem.status, problem.code]).toEqual([401, 'AUTH.UNAUTHENTICATED']);
        expect(res.headers['www-authenticate']).toBe('Bearer');
      });
    }
  }, 180_000);

  it('given an admin token, when the body-less operations (rebuild, seal) get hostile bodies, names and headers, then never a 5xx or a write: a 4xx is problem+json', async () => {
    const names = ALL_PROJECTIONS.map((projection) => projection.name);
    for (const [index, route] of BODYLESS_POSTS.entries()) {
      const endpoint = `POST ${route}`;
      const arbitrary = fc.record({
        name: fc.oneof(
          fc.constantFrom(...names),
          malformedSegment,
          unknownId.filter((n) => !names.includes(n)),
        ),
        body: fc.oneof(
          fc.constant(undefined),
          fc.jsonValue({ maxDepth: 3 }).map((value) => jsonText(value)),
          notJson({ a: 1 }),
        ),
        headers: fc.array(
          fc.oneof(
            badHeaderKey.map((value): [string, string] => ['Idempotency-Key', value]),
            badHeaderKey.map((value): [string, string] => ['X-Correlation-Id', value]),
            badIfMatch.map((value): [string, string] => ['If-Match', value]),
            strayHeader,
          ),
          { maxLength: 2 },
        ),
      });
      // A rebuild of everything replays the log: fewer runs.
      await forAll(endpoint, 600 + index, arbitrary, runs(route.endsWith('/rebuild') ? 5 : 10), async (c) => {
        const res = await client.send({
          category: 'body-less operations',
          endpoint,
          request: {
            method: 'POST',
            path: fillPath(route, { name: c.name }),
            headers: [admin, ...c.headers, ...(c.body === undefined ? [] : [JSON_TYPE])],
            ...(c.body === undefined ? {} : { body: c.body }),
          },
          sent: [c.name, ...c.headers.map(([, value]) => value)],
        });
        if (res.status >= 400) problemOf(res, endpoint);
      });
    }
    await waitForProjections();
  }, 180_000);

  it('given the public sign-in and sign-out forms, when posted random forms, JSON and cookies, then never a 5xx, a write or a session for a bad token; a redirect after signing in never leaves the site', async () => {
    const field = fc.oneof(fc.constantFrom('token', 'next', 'token[]', 'next[]'), hostileString(8));
    const form = fc
      .array(fc.tuple(field, fc.oneof(hostileString(40), injection, headerString())), { maxLength: 4 })
      .map((pairs) => ({
        contentType: 'application/x-www-form-urlencoded',
        body: new URLSearchParams(pairs).toString(),
      }));
    const json = fc
      .oneof(
        fc.jsonValue({ maxDepth: 3 }).map((value) => jsonText(value)),
        notJson({ token: 'x' }),
      )
      .map((body) => ({ contentType: 'application/json', body }));
    await forAll('POST /sign-in', 700, fc.oneof(form, json), runs(40), async ({ contentType, body }) => {
      const res = await client.send({
        category: 'sign-in/sign-out forms',
        endpoint: 'POST /sign-in',
        request: { method: 'POST', path: '/sign-in', headers: [['Content-Type', contentType]], body },
        sent: typeof body === 'string' ? [body, ...[...new URLSearchParams(body).values()]] : [],
      });
      expect(res.status).toBeGreaterThanOrEqual(400);
      if (/problem\+json/.test(res.headers['content-type'] ?? '')) problemOf(res, 'POST /sign-in');
      // 401 for a wrong token; 403 for a form without this browser's CSRF token (none has one here).
      else expect([401, 403]).toContain(res.status);
      if (!/problem\+json/.test(res.headers['content-type'] ?? ''))
        expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(String(res.headers['set-cookie'] ?? '')).not.toMatch(SIGN_IN_COOKIE);
    });
    const next = fc.oneof(
      fc.constantFrom(
        '//evil.example',
        '/\\evil.example',
        'https://evil.example',
        '\\\\evil',
        '/%2F/evil',
        ' //evil',
        '/\t/evil',
      ),
      hostileString(30),
    );
    const page = await openForm(ledger.http);
    await forAll('POST /sign-in (valid token, hostile next)', 701, next, runs(15), async (target) => {
      const body = new URLSearchParams({
        token: ledger.tokens.auditor,
        next: target,
        _csrf: page.csrf,
      }).toString();
      const res = await client.send({
        category: 'sign-in/sign-out forms',
        endpoint: 'POST /sign-in',
        request: {
          method: 'POST',
          path: '/sign-in',
          headers: [
            ['Content-Type', 'application/x-www-form-urlencoded'],
            ['Cookie', page.cookie],
          ],
          body,
        },
        sent: [target],
      });
      expect(res.status).toBe(303);
      expect(res.headers.location).toMatch(/^\/(?![/\\])/);
      expect(new URL(res.headers.location ?? '', 'http://ledger.test').host).toBe('ledger.test');
    });
    const cookie = fc.oneof(
      headerString(60),
      hostileString(20).map((value) => `ledger_session=${encodeSegment(value)}`),
      fc.constantFrom('ledger_session=', 'ledger_session=a; ledger_session=b', '=;=;', 'ledger_session'),
    );
    const signOut = fc.record({ cookie, body: fc.option(fc.oneof(form, json), { nil: undefined }) });
    await forAll('POST /sign-out', 702, signOut, runs(15), async (c) => {
      const res = await client.send({
        category: 'sign-in/sign-out forms',
        endpoint: 'POST /sign-out',
        request: {
          method: 'POST',
          path: '/sign-out',
          headers: [
            ['Cookie', c.cookie],
            ...(c.body ? [['Content-Type', c.body.contentType] as [string, string]] : []),
          ],
          ...(c.body ? { body: c.body.body } : {}),
        },
        sent: [c.cookie],
      });
      // No CSRF token: the forged sign-out is refused with the form again (403 HTML), never a 5xx.
      if (/problem\+json/.test(res.headers['content-type'] ?? '')) problemOf(res, 'POST /sign-out');
      else expect([res.status, res.headers['content-type']]).toEqual([403, 'text/html; charset=utf-8']);
    });
  }, 180_000);

  /** The query parameters each GET route declares (read from its controller). */
  const RYW = ['atLeast', 'asAt'];
  const QUERY_KEYS: Readonly<Record<string, readonly string[]>> = {
    '/streams/:stream': ['fromRevision', 'maxCount'],
    '/grants': [...RYW, 'limit', 'offset', 'programmeId', 'innovatorId', 'status'],
    '/grants/:grantId': RYW,
    '/innovators': [...RYW, 'limit', 'offset', 'programmeId', 'challengeArea'],
    '/innovators/:innovatorId': RYW,
    '/programmes/:programmeId/funnel': [...RYW, 'by', 'from', 'to'],
    '/programmes/:programmeId/reports/impact': [...RYW, 'format', 'from', 'to', 'correctionsSince'],
    '/programmes/:programmeId/exports/360giving': [...RYW, 'format', 'prefix', 'dataSource', 'allowFindings'],
    '/audit/events': [...RYW, 'limit', 'entity', 'category', 'actorId', 'type', 'from', 'to', 'after'],
    '/audit/history': ['stream'],
    '/audit/streams/:stream': [...RYW, 'format'],
    '/audit/verify': ['fromSeal'],
    '/audit/seals': ['fromSeal', 'limit'],
    '/sign-in': ['next'],
  };
  /** Slow answers (a report rendered, the OpenAPI document built): fewer runs. */
  const SLOW = new Set([
    '/programmes/:programmeId/reports/impact',
    '/docs',
    '/docs/',
    '/docs-json',
    '/docs-yaml',
    '/audit/verify',
  ]);

  /** What a GET may answer: 2xx or 3xx, or a 4xx problem+json that never says "malformed JSON". */
  function expectReadAnswer(res: HostileResponse, endpoint: string): void {
    if (res.status < 400) return;
    const problem = problemOf(res, endpoint);
    expect(problem.code).not.toBe('REQUEST.MALFORMED_JSON');
  }

  it('given an admin token, when every GET endpoint gets random query strings (known and hostile keys, repeated keys, a[]=, __proto__, constructor[prototype], injections, bare %), then 2xx/3xx or a 4xx problem+json, never a 5xx or a write', async () => {
    const gets = ENDPOINTS.filter((endpoint) => endpoint.method === 'GET');
    for (const [index, endpoint] of gets.entries()) {
      const name = `GET ${endpoint.path}`;
      const arbitrary = fc.record({
        query: queryString(QUERY_KEYS[endpoint.path] ?? []),
        stray: fc.array(strayHeader, { maxLength: 1 }),
      });
      await forAll(
        name,
        800 + index,
        arbitrary,
        runs(SLOW.has(endpoint.path) ? 6 : 24),
        async ({ query, stray }) => {
          const res = await client.send({
            category: 'query strings',
            endpoint: name,
            request: { method: 'GET', path: `${pathOf(endpoint.path)}?${query}`, headers: [admin, ...stray] },
            sent: [query, ...query.split(/[&=]/), ...stray.map(([, value]) => value)],
          });
          expectReadAnswer(res, name);
        },
      );
    }
  }, 240_000);

  it('given an admin token, when GET route parameters are `..`, `%00`, SQL, far too long, malformed or unknown, then 2xx or a 4xx problem+json, never a 5xx or a write', async () => {
    const gets = ENDPOINTS.filter(
      (endpoint) => endpoint.method === 'GET' && paramsOf(endpoint.path).length > 0,
    );
    for (const [index, endpoint] of gets.entries()) {
      const name = `GET ${endpoint.path}`;
      const segment = fc.oneof(malformedSegment, unknownId, injection.map(encodeSegment));
      await forAll(name, 900 + index, segment, runs(SLOW.has(endpoint.path) ? 6 : 15), async (value) => {
        const values = Object.fromEntries(paramsOf(endpoint.path).map((param) => [param, value]));
        const res = await client.send({
          category: 'GET path parameters',
          endpoint: name,
          request: { method: 'GET', path: fillPath(endpoint.path, values), headers: [admin] },
          sent: [value],
        });
        expectReadAnswer(res, name);
      });
    }
  }, 180_000);

  it('given read models with rows, when a filter gets an injection attempt as its value, then it matches nothing (200 and no items; 400 where the value has a format) and every row is still there', async () => {
    const counts = async () => {
      const get = async (path: string) => (await http.send({ method: 'GET', path, headers: [admin] })).text;
      return {
        grants: (JSON.parse(await get('/grants')) as { total: number }).total,
        innovators: (JSON.parse(await get('/innovators')) as { total: number }).total,
        auditEvents: (JSON.parse(await get('/audit/events?limit=500')) as { items: unknown[] }).items.length,
        events: (await ledger.allEvents()).length,
      };
    };
    const [first] = await ledger.allEvents();
    const actorId = (first?.metadata as { actor?: { id?: string } } | undefined)?.actor?.id ?? '';
    const filters = [
      { path: '/innovators', key: 'challengeArea', real: CHALLENGE_AREAS[0] ?? '', free: true },
      { path: '/audit/events', key: 'entity', real: `grant-${world.grantId}`, free: true },
      { path: '/audit/events', key: 'actorId', real: actorId, free: true },
      { path: '/grants', key: 'programmeId', real: world.programmeId, free: false },
      { path: '/grants', key: 'innovatorId', real: world.innovatorId, free: false },
      { path: '/innovators', key: 'programmeId', real: world.programmeId, free: false },
      { path: '/audit/events', key: 'type', real: 'GrantAwarded', free: false },
      { path: '/audit/events', key: 'category', real: 'grant', free: false },
    ];
    const before = await counts();
    expect(before.grants).toBeGreaterThan(0);
    expect(before.innovators).toBeGreaterThan(0);
    const itemsOf = (res: HostileResponse) => (JSON.parse(res.text) as { items: unknown[] }).items;
    for (const [index, filter] of filters.entries()) {
      const endpoint = `GET ${filter.path}`;
      // The real value finds rows: the filter works, and what follows is not empty by accident.
      const control = await client.send({
        category: 'injection in filters',
        endpoint,
        request: {
          method: 'GET',
          path: `${filter.path}?${filter.key}=${encodeSegment(filter.real)}`,
          headers: [admin],
        },
      });
      expect([filter.key, control.status, itemsOf(control).length > 0]).toEqual([filter.key, 200, true]);
      const attack = fc.oneof(
        injection,
        injection.map((value) => filter.real + value),
      );
      await forAll(`${endpoint}?${filter.key}=`, 1000 + index, attack, runs(14), async (value) => {
        const res = await client.send({
          category: 'injection in filters',
          endpoint,
          request: {
            method: 'GET',
            path: `${filter.path}?${filter.key}=${encodeSegment(value)}`,
            headers: [admin],
          },
          sent: [value],
        });
        if (res.status === 200) {
          expect(itemsOf(res)).toEqual([]);
        } else {
          expect(filter.free).toBe(false);
          const problem = problemOf(res, endpoint);
          expect([problem.status, problem.code]).toEqual([400, 'REQUEST.INVALID']);
        }
      });
    }
    // By path: an unknown entity is 404 (400 when the value is no id). The funnel answers a row of
    // totals for any programme: for one nobody recorded, every count in it is zero.
    type FunnelRow = { introductions: number; partnerships: number };
    const funnelRows = (res: HostileResponse) => (JSON.parse(res.text) as { rows: FunnelRow[] }).rows;
    const funnel = await client.send({
      category: 'injection in filters',
      endpoint: 'GET /programmes/:programmeId/funnel',
      request: { method: 'GET', path: `/programmes/${world.programmeId}/funnel`, headers: [admin] },
    });
    expect(funnelRows(funnel).some((row) => row.introductions > 0)).toBe(true);
    const byPath = [
      { route: '/streams/:stream', counts: false },
      { route: '/audit/streams/:stream', counts: false },
      { route: '/grants/:grantId', counts: false },
      { route: '/innovators/:innovatorId', counts: false },
      { route: '/programmes/:programmeId/funnel', counts: true },
    ];
    for (const [index, { route, counts: countsOnly }] of byPath.entries()) {
      const endpoint = `GET ${route}`;
      await forAll(endpoint, 1100 + index, injection, runs(10), async (value) => {
        const param = paramsOf(route)[0] ?? '';
        const res = await client.send({
          category: 'injection in filters',
          endpoint,
          request: {
            method: 'GET',
            path: fillPath(route, { [param]: encodeSegment(value) }),
            headers: [admin],
          },
          sent: [value],
        });
        if (res.status === 200 && countsOnly) {
          expect(funnelRows(res).filter((row) => row.introductions + row.partnerships > 0)).toEqual([]);
        } else {
          expect([400, 404]).toContain(problemOf(res, endpoint).status);
        }
      });
    }
    expect(await counts()).toEqual(before);
  }, 180_000);

  it('given a valid void, when its HTTP framing is broken in ways no client library allows (control bytes, broken chunks, two lengths, an unknown Expect, 20 KiB of headers), then a 4xx before any handler, and nothing is written', async () => {
    const { port } = (ledger.app.getHttpServer() as Server).address() as AddressInfo;
    const valid = '{"reason":"Recorded in error"}';
    const head = (target = `/grants/${world.grantId}/void`) =>
      `POST ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${ledger.tokens.admin}\r\n` +
      `Content-Type: application/json\r\nConnection: close\r\n`;
    const request = (headers: string, body = valid, target?: string) =>
      `${head(target)}${headers}\r\n${body}`;
    const length = `Content-Length: ${valid.length}\r\n`;
    const cases: Record<string, string> = {
      'a control byte in a header': request(`${length}X-Correlation-Id: a\u0001b\r\n`),
      'a header folded onto two lines': request(`${length}X-Note: a\r\n b\r\n`),
      'a space in a header name': request(`${length}X Note: a\r\n`),
      'two different Content-Lengths': request(`${length}Content-Length: ${valid.length + 1}\r\n`),
      'Content-Length and Transfer-Encoding': request(`${length}Transfer-Encoding: chunked\r\n`, `0\r\n\r\n`),
      'a negative Content-Length': request('Content-Length: -1\r\n'),
      'a chunk size that is not hex': request(
        'Transfer-Encoding: chunked\r\n',
        `zz\r\n${valid}\r\n0\r\n\r\n`,
      ),
      'an Expect the server does not know': request(`${length}Expect: 200-maybe\r\n`),
      '20 KiB of headers': request(`${length}X-Padding: ${'x'.repeat(20_480)}\r\n`),
      'a space in the path': request(length, valid, `/grants/${world.grantId} /void`),
      'no Host on HTTP/1.1': request(length).replace('Host: 127.0.0.1\r\n', ''),
      'a method nobody knows': request(length).replace(/^POST/, 'FROB'),
    };
    for (const [name, bytes] of Object.entries(cases)) {
      const before = await ledger.store.headPosition();
      const exchange = await rawExchange(port, bytes, 3000);
      const status = Number(exchange.text.slice(9, 12));
      tally.count('malformed HTTP', `POST /grants/:grantId/void`, status || 0);
      expect([name, exchange.text.slice(0, 9), status >= 400 && status < 500]).toEqual([
        name,
        'HTTP/1.1 ',
        true,
      ]);
      expect([name, await ledger.store.headPosition()]).toEqual([name, before]);
      const body = exchange.text.split('\r\n\r\n').slice(1).join('\r\n\r\n');
      expect([name, leaksIn(body, [])]).toEqual([name, []]);
    }
    // Any bytes (but CR and LF, which end the line) in X-Correlation-Id: refused by Node or by the api.
    const bytes = fc
      .uint8Array({ minLength: 1, maxLength: 30 })
      .map((array) => Buffer.from(array.filter((byte) => byte !== 0x0d && byte !== 0x0a)))
      .filter((value) => value.length > 0 && !DOCUMENTED_HEADER_KEY.test(trimOws(value.toString('latin1'))));
    await forAll('X-Correlation-Id bytes', 1150, bytes, runs(30), async (value) => {
      const before = await ledger.store.headPosition();
      const raw = Buffer.concat([
        Buffer.from(`${head()}${length}X-Correlation-Id: `, 'latin1'),
        value,
        Buffer.from(`\r\n\r\n${valid}`, 'latin1'),
      ]);
      const exchange = await rawExchange(port, raw, 3000);
      const status = Number(exchange.text.slice(9, 12));
      tally.count('malformed HTTP', `POST /grants/:grantId/void`, status || 0);
      expect(status >= 400 && status < 500).toBe(true);
      expect(await ledger.store.headPosition()).toBe(before);
    });
  }, 60_000);

  it('given every run above, then the log is exactly as it was and the runs are summed up', async () => {
    expect((await ledger.allEvents()).length).toBe(eventsAtStart);
    expect([tally.serverErrors, tally.writes, tally.leaks]).toEqual([0, 0, 0]);
  });
});

describe('oversized bodies (LEDGER_MAX_BODY_BYTES=4096)', () => {
  const LIMIT = 4096;
  let ledger: TestLedger;
  let http: RawHttp;
  let client: HostileClient;
  let port: number;
  let admin: [string, string];

  beforeAll(async () => {
    ledger = await startTestLedger(
      { logger: false },
      {
        LEDGER_MAX_BODY_BYTES: String(LIMIT),
        LEDGER_SEAL_INTERVAL_SECONDS: '0',
        LEDGER_AUTH_FAILURE_LIMIT: '1000000',
      },
    );
    await ledger.app.listen(0, '127.0.0.1');
    port = ((ledger.app.getHttpServer() as Server).address() as AddressInfo).port;
    http = new RawHttp(port);
    client = new HostileClient(http, ledger.store, tally, () => ledgerFootprint(ledger.config));
    admin = ['Authorization', `Bearer ${ledger.tokens.admin}`];
    await ledger.http
      .post('/programmes')
      .set(...admin)
      .send(launchBody('oversized'))
      .expect(201);
    // Sealed: a body at the limit sent to POST /audit/seals then finds nothing to seal.
    await ledger.http
      .post('/audit/seals')
      .set(...admin)
      .expect(201);
  }, 60_000);

  afterAll(async () => {
    http.close();
    await ledger.close();
  });

  const posts = ENDPOINTS.filter((endpoint) => endpoint.method === 'POST');
  const routeOf = (path: string) =>
    path.replace(
      /:(\w+)/g,
      (_whole, name: string) => ({ programmeId: 'oversized', name: 'grant-register' })[name] ?? 'x',
    );

  /** `{"pad":"xxx…","value":<value>}` exactly `bytes` long in UTF-8. */
  function padded(value: unknown, bytes: number): string {
    const shell = `{"value":${jsonText(value)},"pad":""}`;
    const fill = bytes - Buffer.byteLength(shell);
    return fill < 0 ? shell : `{"value":${jsonText(value)},"pad":"${'x'.repeat(fill)}"}`;
  }

  it('given a 4 KiB limit, when any POST endpoint gets JSON one byte over it, with or without a token, then 413 REQUEST.TOO_LARGE problem+json and nothing is written; exactly at the limit, the body is read', async () => {
    const arbitrary = fc.record({
      endpoint: fc.constantFrom(...posts),
      value: fc.jsonValue({ maxDepth: 2 }).filter((value) => Buffer.byteLength(jsonText(value)) < 2000),
      token: fc.boolean(),
    });
    await forAll('one byte over', 1200, arbitrary, runs(60), async ({ endpoint, value, token }) => {
      const over = padded(value, LIMIT + 1);
      expect(Buffer.byteLength(over)).toBe(LIMIT + 1);
      const request = {
        method: 'POST' as const,
        path: routeOf(endpoint.path),
        headers: [...(token ? [admin] : []), JSON_TYPE],
      };
      const name = `POST ${endpoint.path}`;
      const refused = await client.send({
        category: 'oversized',
        endpoint: name,
        request: { ...request, body: over },
      });
      const problem = problemOf(refused, name);
      expect([problem.status, problem.code]).toEqual([413, 'REQUEST.TOO_LARGE']);
      const atLimit = padded(value, LIMIT);
      expect(Buffer.byteLength(atLimit)).toBe(LIMIT);
      // `pad` and `value` are fields no command declares: read, then refused for what it says.
      const read = await client.send({
        category: 'oversized',
        endpoint: name,
        request: { ...request, body: atLimit },
      });
      expect(read.status).not.toBe(413);
    });
  }, 120_000);

  it('given a 4 KiB limit, when the body over it is not even JSON, then still 413 and not 400: the size is checked before parsing', async () => {
    const garbage = fc
      .oneof(
        fc.string({ unit: 'binary-ascii', minLength: 1, maxLength: 20 }),
        fc.constantFrom('{', '{"a":', '[[[[', 'not json at all', '\u0000\u0001'),
      )
      .map((seed) => {
        const bytes = Buffer.alloc(LIMIT + 1, 0x7b);
        Buffer.from(seed, 'latin1').copy(bytes);
        return bytes;
      });
    const arbitrary = fc.record({ endpoint: fc.constantFrom(...posts), body: garbage });
    await forAll('oversized garbage', 1201, arbitrary, runs(30), async ({ endpoint, body }) => {
      const name = `POST ${endpoint.path}`;
      const res = await client.send({
        category: 'oversized',
        endpoint: name,
        request: { method: 'POST', path: routeOf(endpoint.path), headers: [admin, JSON_TYPE], body },
      });
      const problem = problemOf(res, name);
      expect([problem.status, problem.code]).toEqual([413, 'REQUEST.TOO_LARGE']);
    });
  }, 60_000);

  it('given a 4 KiB limit, when a raw socket declares a huge Content-Length and sends only its first bytes, then 413 problem+json comes at once and the server closes the connection rather than wait for the rest', async () => {
    const arbitrary = fc.record({
      endpoint: fc.constantFrom(...posts),
      declared: fc.oneof(
        fc.constantFrom(LIMIT + 1, 1_073_741_824, 99_999_999_999),
        fc.integer({ min: LIMIT + 1, max: 2 ** 31 }),
      ),
      token: fc.boolean(),
    });
    await forAll('huge Content-Length', 1202, arbitrary, runs(12), async ({ endpoint, declared, token }) => {
      const before = await ledger.store.headPosition();
      const head =
        `POST ${routeOf(endpoint.path)} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n` +
        (token ? `Authorization: Bearer ${ledger.tokens.admin}\r\n` : '') +
        `Content-Length: ${declared}\r\n\r\n{"reason":"`;
      const exchange = await rawExchange(port, head, 3000);
      tally.count('oversized', `POST ${endpoint.path}`, Number(exchange.text.slice(9, 12)) || 0);
      expect(exchange.text.slice(0, 12)).toBe('HTTP/1.1 413');
      expect(exchange.answeredAfterMs ?? Infinity).toBeLessThan(1000);
      expect(exchange.text).toMatch(/\r\ncontent-type: application\/problem\+json/i);
      expect(exchange.text).toContain('"code":"REQUEST.TOO_LARGE"');
      expect(exchange.closedByServer).toBe(true);
      expect(await ledger.store.headPosition()).toBe(before);
    });
  }, 120_000);

  it('given a 4 KiB limit, when a chunked body without Content-Length grows past it, then 413 problem+json and nothing is written', async () => {
    const chunk = 'x'.repeat(1000);
    const body = `{"reason":"${chunk.repeat(5)}"}`;
    const chunked =
      body
        .match(/[\s\S]{1,1000}/g)
        ?.map((part) => `${part.length.toString(16)}\r\n${part}\r\n`)
        .join('') ?? '';
    const before = await ledger.store.headPosition();
    const exchange = await rawExchange(
      port,
      `POST /grants/x/void HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${ledger.tokens.admin}\r\n` +
        `Content-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n${chunked}0\r\n\r\n`,
      3000,
    );
    tally.count('oversized', 'POST /grants/:grantId/void', Number(exchange.text.slice(9, 12)) || 0);
    expect(exchange.text.slice(0, 12)).toBe('HTTP/1.1 413');
    expect(exchange.text).toContain('"code":"REQUEST.TOO_LARGE"');
    expect(await ledger.store.headPosition()).toBe(before);
  });
});

afterAll(() => {
  process.stdout.write(`${tally.summary()}\n`);
});
