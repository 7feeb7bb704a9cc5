// Two api replicas on one event log and one PostgreSQL read store: one projects (inline, holding the
// leases), the other follows its checkpoints (external), and read-your-writes holds across them.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { openPostgresTestReadStore, postgresTestUrl } from '@ledger/testing';
import type { ReadStore } from '@ledger/read-store';
import { awardBody, enrolBody, launchBody } from '../testing/iep-fixtures.js';
import { startTestLedger, type TestLedger } from '../testing/test-ledger.js';

describe('api replicas on PostgreSQL', () => {
  const schema = `replicas_${randomUUID().replaceAll('-', '')}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'ledger-replicas-'));
  let projecting: TestLedger;
  let following: TestLedger;
  let readStore: ReadStore<unknown>;

  beforeAll(async () => {
    const env = {
      LEDGER_DATA_DIR: dataDir,
      LEDGER_READ_STORE: 'postgres',
      DATABASE_URL: postgresTestUrl(),
      LEDGER_READ_STORE_SCHEMA: schema,
    };
    projecting = await startTestLedger({ logger: false }, { ...env, LEDGER_PROJECTIONS: 'inline' });
    following = await startTestLedger({ logger: false }, { ...env, LEDGER_PROJECTIONS: 'external' });
    // Only to drop the schema at the end.
    readStore = openPostgresTestReadStore(schema);
  });
  afterAll(async () => {
    await following?.close();
    await projecting?.close();
    await readStore?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('given a replica that projects and one that follows, when a grant is awarded through the follower, then the follower answers with it at the position it gave', async () => {
    const pm = `Bearer ${following.tokens['programme-manager']}`;
    const programmeId = `p-${randomUUID()}`;
    const innovatorId = `i-${randomUUID()}`;
    await following.http
      .post('/programmes')
      .set('Authorization', pm)
      .send(launchBody(programmeId))
      .expect(201);
    await following.http
      .post(`/programmes/${programmeId}/innovators`)
      .set('Authorization', pm)
      .send(enrolBody(innovatorId))
      .expect(201);
    const award = await following.http
      .post('/grants')
      .set('Authorization', pm)
      .send(awardBody(programmeId, innovatorId, `g-${randomUUID()}`, 1_500_000))
      .expect(201);
    const position = (award.body as { position: string }).position;

    const grants = await following.http
      .get(`/grants?programmeId=${programmeId}&atLeast=${position}`)
      .set('Authorization', pm)
      .expect(200);

    expect((grants.body as { items: { amountAwarded: number }[] }).items.map((g) => g.amountAwarded)).toEqual(
      [1_500_000],
    );
    const status = await following.http.get('/projections').set('Authorization', pm).expect(200);
    const { projections } = status.body as {
      projections: { name: string; status: string; position: string }[];
    };
    // Every projection runs (in the other replica); the one /grants waited for is at the position.
    expect(projections.map((p) => p.status)).toEqual(projections.map(() => 'running'));
    const register = projections.find((p) => p.name === 'grant-register');
    expect(Number(register?.position)).toBeGreaterThanOrEqual(Number(position));
    expect((await following.http.get('/health/ready')).status).toBe(200);
  });
});
