import { describe, expect, it } from '@jest/globals';
import { projectionSpec } from '@ledger/testing';
import { awarded, corrected, paid, revoked, voided } from './grant-register.fixtures.spec.js';
import { grantRegisterProjection } from './grant-register.projection.js';
import { getGrant, listGrants } from './grant-register.queries.js';
import type { GrantRegisterTables } from './grant-register.tables.js';

const spec = projectionSpec<GrantRegisterTables>(grantRegisterProjection);

const register = [
  awarded('g-1', { awardedOn: '2017-10-02' }),
  awarded('g-2', { awardedOn: '2017-10-01', innovatorId: 'inn-2' }),
  awarded('g-3', { awardedOn: '2017-10-03', programmeId: 'other' }),
  awarded('g-4', { awardedOn: '2017-10-04' }),
  revoked('g-4'),
  awarded('g-5', { awardedOn: '2017-10-05' }),
  voided('g-5'),
];

const ids = (page: { items: readonly { grantId: string }[] }) => page.items.map((item) => item.grantId);

describe('grant register queries', () => {
  it('given grants in two programmes, when listed for one, then only its grants come back, oldest award first', async () => {
    await spec.given(register).then(async (db) => {
      const page = await listGrants(db, { programmeId: 'iep' });
      expect(ids(page)).toEqual(['g-2', 'g-1', 'g-4', 'g-5']);
      expect(page.total).toBe(4);
    });
  });

  it('given grants to two innovators, when listed for one, then only that innovator’s grants come back', async () => {
    await spec.given(register).then(async (db) => {
      expect(ids(await listGrants(db, { innovatorId: 'inn-2' }))).toEqual(['g-2']);
    });
  });

  it('given awarded, revoked and voided grants, when listed by status, then each status finds its own', async () => {
    await spec.given(register).then(async (db) => {
      expect(ids(await listGrants(db, { status: 'awarded' }))).toEqual(['g-2', 'g-1', 'g-3']);
      expect(ids(await listGrants(db, { status: 'revoked' }))).toEqual(['g-4']);
      expect(ids(await listGrants(db, { status: 'voided', programmeId: 'iep' }))).toEqual(['g-5']);
    });
  });

  it('given five grants, when a page of 2 at offset 2 is asked for, then it holds the 3rd and 4th and the total is 5', async () => {
    await spec.given(register).then(async (db) => {
      const page = await listGrants(db, { limit: 2, offset: 2 });
      expect(ids(page)).toEqual(['g-3', 'g-4']);
      expect(page.total).toBe(5);
    });
  });

  it('given 501 grants, when listed without a limit or with one above 500, then pages hold 50 and 500', async () => {
    const many = Array.from({ length: 501 }, (_, i) => awarded(`g-${String(i).padStart(3, '0')}`));
    await spec.given(many).then(async (db) => {
      const byDefault = await listGrants(db);
      expect(byDefault.items).toHaveLength(50);
      expect(byDefault.total).toBe(501);
      expect((await listGrants(db, { limit: 10_000 })).items).toHaveLength(500);
      expect((await listGrants(db, { limit: 0 })).items).toHaveLength(1);
    });
  });

  it('given a paid and corrected grant, when fetched, then it comes back as JSON-ready figures in pence', async () => {
    await spec
      .given([awarded('g-1'), paid('g-1', 250_000), corrected('g-1', 2_000_000, 1_000_000)])
      .then(async (db) => {
        const grant = await getGrant(db, 'g-1');
        expect(grant).toMatchObject({
          grantId: 'g-1',
          programmeId: 'iep',
          innovatorId: 'inn-1',
          funderOrgId: 'GB-GOR-D5',
          awardedOn: '2017-10-02',
          amountAwarded: 1_000_000,
          amountPaid: 250_000,
          outstanding: 750_000,
          status: 'awarded',
          corrections: 1,
          lastEventPosition: '3',
        });
        expect(JSON.parse(JSON.stringify(grant))).toEqual(grant);
      });
  });

  it('given no such grant, when fetched, then the answer is undefined', async () => {
    await spec.given([awarded('g-1')]).then(async (db) => {
      expect(await getGrant(db, 'g-404')).toBeUndefined();
    });
  });
});
