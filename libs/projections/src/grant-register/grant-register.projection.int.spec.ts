import { describe, expect, it } from '@jest/globals';
import { projectionSpec } from '@ledger/testing';
import { awarded, corrected, paid, revoked, voided } from './grant-register.fixtures.spec.js';
import { grantRegisterProjection } from './grant-register.projection.js';
import type { GrantRegisterTables } from './grant-register.tables.js';

const spec = projectionSpec<GrantRegisterTables>(grantRegisterProjection);

const figures = ['amount_awarded', 'amount_paid', 'outstanding', 'status', 'corrections'] as const;

describe('grant register projection', () => {
  it('given an award, then the register shows it awarded, all outstanding, with its funder and no corrections', async () => {
    await spec.given([awarded('g-1')]).then(async (db, recorded) => {
      expect(await db.selectFrom('grant_register').selectAll().execute()).toEqual([
        {
          grant_id: 'g-1',
          programme_id: 'iep',
          innovator_id: 'inn-1',
          title: 'Grant g-1',
          funder_org_id: 'GB-GOR-D5',
          funder_name: 'Department for Digital, Culture, Media and Sport',
          awarded_on: '2017-10-02',
          amount_awarded: 2_000_000,
          amount_paid: 0,
          outstanding: 2_000_000,
          status: 'awarded',
          corrections: 0,
          last_event_position: recorded[0]?.globalPosition,
          updated_at: recorded[0]?.recordedAt,
        },
      ]);
    });
  });

  it('given an award, when two payments are made, then paid adds up and the rest is outstanding', async () => {
    await spec
      .given([awarded('g-1'), paid('g-1', 500_000, 'p-1'), paid('g-1', 700_000, 'p-2')])
      .then(async (db, recorded) => {
        const row = await db.selectFrom('grant_register').selectAll().executeTakeFirstOrThrow();
        expect(row).toMatchObject({ amount_paid: 1_200_000, outstanding: 800_000, corrections: 0 });
        expect(row.last_event_position).toBe(recorded[2]?.globalPosition);
        expect(row.updated_at).toBe(recorded[2]?.recordedAt);
      });
  });

  it('given an award and a payment, when the award is corrected down, then the register shows the new amount, the outstanding rest and 1 correction', async () => {
    await spec
      .given([awarded('g-1'), paid('g-1', 1_000_000), corrected('g-1', 2_000_000, 1_500_000)])
      .then(async (db) => {
        expect(await db.selectFrom('grant_register').select(figures).execute()).toEqual([
          {
            amount_awarded: 1_500_000,
            amount_paid: 1_000_000,
            outstanding: 500_000,
            status: 'awarded',
            corrections: 1,
          },
        ]);
      });
  });

  it('given an award corrected up, when it is corrected again, then the last amount holds and 2 corrections count', async () => {
    await spec
      .given([awarded('g-1'), corrected('g-1', 2_000_000, 2_500_000), corrected('g-1', 2_500_000, 2_200_000)])
      .then(async (db) => {
        expect(await db.selectFrom('grant_register').select(figures).execute()).toEqual([
          {
            amount_awarded: 2_200_000,
            amount_paid: 0,
            outstanding: 2_200_000,
            status: 'awarded',
            corrections: 2,
          },
        ]);
      });
  });

  it('given a part-paid award, when it is revoked, then it stays awarded in amount, keeps what was paid and nothing is outstanding', async () => {
    await spec.given([awarded('g-1'), paid('g-1', 500_000), revoked('g-1')]).then(async (db) => {
      expect(await db.selectFrom('grant_register').select(figures).execute()).toEqual([
        {
          amount_awarded: 2_000_000,
          amount_paid: 500_000,
          outstanding: 0,
          status: 'revoked',
          corrections: 1,
        },
      ]);
    });
  });

  it('given a revoked award, when it is voided, then it is voided with nothing outstanding and 2 corrections', async () => {
    await spec.given([awarded('g-1'), revoked('g-1'), voided('g-1')]).then(async (db) => {
      expect(await db.selectFrom('grant_register').select(figures).execute()).toEqual([
        { amount_awarded: 2_000_000, amount_paid: 0, outstanding: 0, status: 'voided', corrections: 2 },
      ]);
    });
  });

  it('given two awards, when one is voided, then only that row changes', async () => {
    await spec.given([awarded('g-1'), awarded('g-2'), voided('g-1')]).then(async (db) => {
      const rows = await db
        .selectFrom('grant_register')
        .select(['grant_id', 'status'])
        .orderBy('grant_id')
        .execute();
      expect(rows).toEqual([
        { grant_id: 'g-1', status: 'voided' },
        { grant_id: 'g-2', status: 'awarded' },
      ]);
    });
  });

  it('given a payment on a grant never awarded, then the projection stops with an error naming the grant', async () => {
    await expect(spec.given([paid('g-404', 100)]).then(() => Promise.resolve())).rejects.toThrow(
      'no award recorded for grant g-404',
    );
  });
});
