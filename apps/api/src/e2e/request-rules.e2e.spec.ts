import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  COMMAND_BODIES,
  type Body,
  fillPath,
  realParams,
  type World,
} from '../testing/hostile/command-bodies.js';
import { ledgerFootprint } from '../testing/hostile/ledger-footprint.js';
import { recordHostileWorld } from '../testing/hostile/hostile-world.js';
import { startTestLedger, type TestLedger } from '../testing/test-ledger.js';

/*
 * The request rules of ADR 0021, on every command of the endpoint catalogue (COMMAND_BODIES): each
 * command's valid body is broken in one place at a time, and the answer must be a 4xx naming what is
 * wrong, with nothing written anywhere: events, command records, stream heads, personal-data keys.
 */

type Path = readonly string[];

/** Every leaf of a body (a string, number or boolean) with its path. */
function leaves(value: unknown, path: Path = []): { path: Path; value: unknown }[] {
  if (Array.isArray(value)) return value.flatMap((item, i) => leaves(item, [...path, String(i)]));
  if (typeof value === 'object' && value !== null)
    return Object.entries(value).flatMap(([key, item]) => leaves(item, [...path, key]));
  return [{ path, value }];
}

function replaced(body: Body, path: Path, value: unknown): Body {
  const copy = structuredClone(body) as Record<string, unknown>;
  let at: Record<string, unknown> = copy;
  for (const key of path.slice(0, -1)) at = at[key] as Record<string, unknown>;
  at[path[path.length - 1] ?? ''] = value;
  return copy;
}

describe('request rules (ADR 0021)', () => {
  let ledger: TestLedger;
  let world: World;
  let admin: [string, string];
  const pathOf = (route: string) => fillPath(route, realParams(world, ''));

  beforeAll(async () => {
    ledger = await startTestLedger({ logger: false }, { LEDGER_SEAL_INTERVAL_SECONDS: '0' });
    admin = ['Authorization', `Bearer ${ledger.tokens.admin}`];
    world = await recordHostileWorld(ledger);
  }, 60_000);
  afterAll(() => ledger.close());

  /** Posts raw text and checks that nothing anywhere changed. */
  async function post(route: string, text: string, contentType = 'application/json') {
    const before = ledgerFootprint(ledger.config);
    const res = await ledger.http
      .post(pathOf(route))
      .set(...admin)
      .set('Content-Type', contentType)
      .send(text);
    expect([route, ledgerFootprint(ledger.config)]).toEqual([route, before]);
    return res;
  }

  const fieldsNamed = (res: { body: unknown }) =>
    ((res.body as { errors?: { field: string }[] }).errors ?? []).map((e) => e.field);

  it('given every string of every command body, when it holds a lone surrogate, then 400 naming that field and nothing written anywhere', async () => {
    let cases = 0;
    for (const [index, command] of COMMAND_BODIES.entries()) {
      const valid = command.valid(world, `surrogate-${index}`);
      for (const leaf of leaves(valid).filter((l) => typeof l.value === 'string')) {
        const res = await post(command.path, JSON.stringify(replaced(valid, leaf.path, 'Caf\ud800')));
        expect([command.path, res.status, (res.body as { code: string }).code]).toEqual([
          command.path,
          400,
          'REQUEST.INVALID',
        ]);
        expect(fieldsNamed(res)).toContain(leaf.path.join('.'));
        cases += 1;
      }
    }
    expect(cases).toBeGreaterThan(40);
  }, 120_000);

  it('given every field of every command body, when it is null, then 400 naming that field and nothing written anywhere', async () => {
    for (const [index, command] of COMMAND_BODIES.entries()) {
      const valid = command.valid(world, `null-${index}`);
      const paths = [...leaves(valid).map((l) => l.path), ...Object.keys(command.fields).map((key) => [key])];
      for (const path of paths) {
        const res = await post(command.path, JSON.stringify(replaced(valid, path, null)));
        expect([command.path, path.join('.'), res.status]).toEqual([command.path, path.join('.'), 400]);
        expect(fieldsNamed(res)).toContain(path.join('.'));
      }
    }
  }, 120_000);

  it('given every command, when its body gives a key twice, then 400 naming the key and nothing written anywhere', async () => {
    for (const [index, command] of COMMAND_BODIES.entries()) {
      const valid = command.valid(world, `twice-${index}`);
      const [first] = Object.keys(valid);
      const text = JSON.stringify(valid).replace(/^\{/, `{${JSON.stringify(first)}:"x",`);
      const res = await post(command.path, text);
      expect([command.path, res.status]).toEqual([command.path, 400]);
      expect(fieldsNamed(res)).toEqual([first]);
    }
  }, 60_000);

  it('given every command, when a valid body comes as a form, merge-patch, text or JSON in Latin-1, then 415 naming application/json and nothing written anywhere', async () => {
    for (const [index, command] of COMMAND_BODIES.entries()) {
      const valid = command.valid(world, `type-${index}`);
      for (const type of [
        'application/x-www-form-urlencoded',
        'application/merge-patch+json',
        'text/plain',
        'application/json; charset=iso-8859-1',
      ]) {
        const text = type.includes('form')
          ? new URLSearchParams({ a: 'b' }).toString()
          : JSON.stringify(valid);
        const res = await post(command.path, text, type);
        expect([command.path, type, res.status]).toEqual([command.path, type, 415]);
        expect(res.body).toMatchObject({
          code: 'REQUEST.UNSUPPORTED_MEDIA_TYPE',
          accepted: ['application/json'],
        });
      }
    }
  }, 60_000);

  it('given two principals, when they send one Idempotency-Key with one body, then two commands; each retry answers its own first result', async () => {
    const send = (role: 'admin' | 'programme-manager', key: string) =>
      ledger.http
        .post(`/grants/${world.grantId}/payments`)
        .set('Authorization', `Bearer ${ledger.tokens[role]}`)
        .set('Idempotency-Key', key)
        .send({ amountPence: 100, paidOn: '2017-10-02' });
    const mine = await send('admin', 'shared-key-1');
    const theirs = await send('programme-manager', '"shared-key-1"');
    const again = await send('programme-manager', 'shared-key-1');

    expect([mine.status, theirs.status, again.status]).toEqual([201, 201, 201]);
    const body = (res: { body: unknown }) =>
      res.body as { commandId: string; replayed: boolean; position: string };
    expect(body(theirs).commandId).not.toBe(body(mine).commandId);
    expect(body(theirs).replayed).toBe(false);
    expect(body(again)).toEqual({ ...body(theirs), replayed: true });
  });

  it('given If-Match: *, when the stream exists, then written; when it does not, then 412 and nothing written', async () => {
    const ok = await ledger.http
      .post(`/grants/${world.grantId}/payments`)
      .set(...admin)
      .set('If-Match', '*')
      .send({ amountPence: 100, paidOn: '2017-10-03' });
    expect(ok.status).toBe(201);
    const before = ledgerFootprint(ledger.config);
    const missing = await ledger.http
      .post('/grants/no-such-grant/payments')
      .set(...admin)
      .set('If-Match', '*')
      .send({ amountPence: 100, paidOn: '2017-10-03' });
    expect([missing.status, (missing.body as { code: string }).code]).toEqual([
      412,
      'STREAM.REVISION_MISMATCH',
    ]);
    expect(ledgerFootprint(ledger.config)).toEqual(before);
  });

  it('given an unknown route, an unknown grant and a broken rule, when answered, then each title fits its status', async () => {
    const route = await ledger.http.get('/no-such-route').set(...admin);
    const grant = await ledger.http
      .post('/grants/no-such-grant/payments')
      .set(...admin)
      .send({ amountPence: 100, paidOn: '2017-10-03' });
    expect([route.status, (route.body as { title: string }).title]).toEqual([404, 'Not Found']);
    expect([grant.status, (grant.body as { title: string }).title]).toEqual([404, 'Not found in the ledger']);
  });
});
