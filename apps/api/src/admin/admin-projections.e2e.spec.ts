import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { GrantRegisterPage, RebuildResult } from '@ledger/projections';
import {
  lockOwner,
  openSqliteExclusiveWriter,
  type ReadStoreLockTables,
  tryAcquireLock,
} from '@ledger/read-store';
import { awardBody, enrolBody, launchBody } from '../testing/iep-fixtures.js';
import { startTestLedger, type TestLedger } from '../testing/test-ledger.js';

describe('admin: rebuilding projections over HTTP', () => {
  let ledger: TestLedger;
  const programmeId = `p-${randomUUID()}`;
  const innovatorId = `i-${randomUUID()}`;
  const auth = (role: keyof TestLedger['tokens']) => ({ Authorization: `Bearer ${ledger.tokens[role]}` });
  const award = async (): Promise<string> => {
    const body = awardBody(programmeId, innovatorId, `g-${randomUUID()}`);
    const res = await ledger.http.post('/grants').set(auth('programme-manager')).send(body).expect(201);
    return (res.body as { position: string }).position;
  };
  const readFile = () => {
    const { readStore } = ledger.config;
    if (readStore.kind !== 'sqlite') throw new Error('the test ledger is embedded');
    return readStore.file;
  };

  beforeAll(async () => {
    ledger = await startTestLedger();
    const pm = auth('programme-manager');
    await ledger.http.post('/programmes').set(pm).send(launchBody(programmeId)).expect(201);
    await ledger.http
      .post(`/programmes/${programmeId}/innovators`)
      .set(pm)
      .send(enrolBody(innovatorId))
      .expect(201);
    await award();
    await award();
  });
  afterAll(() => ledger.close());

  it('given a reporter, when one projection is rebuilt, then 202 lists it a Success, and the api’s runner goes on projecting after the switch', async () => {
    const head = await ledger.store.headPosition();

    const res = await ledger.http
      .post('/admin/projections/grant-register/rebuild')
      .set(auth('reporter'))
      .expect(202);

    expect((res.body as { results: RebuildResult[] }).results).toEqual([
      {
        name: 'grant-register',
        status: 'Success',
        events: Number(head),
        ms: expect.any(Number),
        position: head,
      },
    ]);
    const later = await award();
    const grants = await ledger.http.get(`/grants?atLeast=${later}`).set(auth('auditor')).expect(200);
    expect((grants.body as GrantRegisterPage).total).toBe(3);
  });

  it('given an admin, when every projection is rebuilt, then 202 lists each a Success', async () => {
    const res = await ledger.http.post('/admin/projections/rebuild').set(auth('admin')).expect(202);

    const results = (res.body as { results: RebuildResult[] }).results;
    expect(results.map(({ name, status }) => ({ name, status }))).toEqual(
      ['grant-register', 'audit-trail', 'innovator-summary', 'introduction-funnel', 'programme-impact'].map(
        (name) => ({ name, status: 'Success' }),
      ),
    );
  });

  it('given a projection another process is rebuilding, when asked to rebuild it, then 409 with the result naming the holder', async () => {
    const writer = openSqliteExclusiveWriter<ReadStoreLockTables>(readFile());
    const owner = { ...lockOwner('cli-run'), host: 'ops-box' };
    const request = {
      name: 'projection:audit-trail',
      owner,
      purpose: 'rebuild',
      ttlMs: 60_000,
      now: new Date(),
    };
    await writer.write((trx) => tryAcquireLock(trx, request));
    writer.close();

    const res = await ledger.http
      .post('/admin/projections/audit-trail/rebuild')
      .set(auth('admin'))
      .expect(409);

    expect(res.body).toMatchObject({
      code: 'PROJECTION.REBUILD_RUNNING',
      results: [{ name: 'audit-trail', status: 'Error', error: { code: 'REBUILD.ALREADY_RUNNING' } }],
    });
    expect((res.body as { detail: string }).detail).toContain('on ops-box');
  });

  it('given roles without the rebuild permission or an unknown name, when asked, then 403 or 404', async () => {
    await ledger.http.post('/admin/projections/grant-register/rebuild').set(auth('auditor')).expect(403);
    await ledger.http.post('/admin/projections/rebuild').set(auth('programme-manager')).expect(403);
    const res = await ledger.http.post('/admin/projections/no-such/rebuild').set(auth('admin')).expect(404);
    expect(res.body).toMatchObject({ code: 'PROJECTION.NOT_FOUND' });
  });
});
