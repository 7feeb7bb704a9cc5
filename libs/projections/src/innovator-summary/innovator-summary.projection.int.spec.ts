import { describe, expect, it } from '@jest/globals';
import { projectionSpec } from '@ledger/testing';
import {
  awarded,
  confirmed,
  corrected,
  ended,
  enrolled,
  forecast,
  grantVoided,
  income,
  introduced,
  introductionVoided,
  paid,
  partnershipVoided,
  revoked,
  withdrawn,
} from './innovator-summary.fixtures.spec.js';
import { innovatorSummaryProjection } from './innovator-summary.projection.js';
import type { InnovatorSummaryTables } from './innovator-summary.tables.js';

const spec = projectionSpec<InnovatorSummaryTables>(innovatorSummaryProjection);

const grantFigures = ['grants', 'amount_awarded', 'amount_paid'] as const;

describe('innovator summary projection', () => {
  it('given an enrolment, then the innovator is listed enrolled with zero figures and no forecast', async () => {
    await spec.given([enrolled('inn-1')]).then(async (db, recorded) => {
      expect(await db.selectFrom('innovator_summary').selectAll().execute()).toEqual([
        {
          innovator_id: 'inn-1',
          programme_id: 'iep',
          name: 'Innovator inn-1',
          challenge_area: 'financial-inclusion',
          status: 'enrolled',
          enrolled_on: '2017-09-01',
          grants: 0,
          amount_awarded: 0,
          amount_paid: 0,
          introductions: 0,
          partnerships: 0,
          income: 0,
          income_attributable: 0,
          forecast: null,
          forecast_horizon_months: null,
          forecast_as_of: null,
          last_event_position: recorded[0]?.globalPosition,
          updated_at: recorded[0]?.recordedAt,
        },
      ]);
    });
  });

  it('given two awards and payments, then the innovator shows 2 grants, the sum awarded and the sum paid', async () => {
    await spec
      .given([
        enrolled('inn-1'),
        awarded('g-1', 'inn-1'),
        awarded('g-2', 'inn-1', 500_000),
        paid('g-1', 1_000_000),
      ])
      .then(async (db) => {
        expect(await db.selectFrom('innovator_summary').select(grantFigures).executeTakeFirst()).toEqual({
          grants: 2,
          amount_awarded: 2_500_000,
          amount_paid: 1_000_000,
        });
      });
  });

  it('given an award corrected up, when it is corrected down again, then the amount awarded follows each correction', async () => {
    await spec
      .given([
        enrolled('inn-1'),
        awarded('g-1', 'inn-1'),
        paid('g-1', 300_000),
        corrected('g-1', 2_000_000, 2_400_000),
        corrected('g-1', 2_400_000, 1_500_000),
      ])
      .then(async (db) => {
        expect(await db.selectFrom('innovator_summary').select(grantFigures).executeTakeFirst()).toEqual({
          grants: 1,
          amount_awarded: 1_500_000,
          amount_paid: 300_000,
        });
      });
  });

  it('given a part-paid award, when it is revoked, then it still counts as an award made, with what was paid', async () => {
    await spec
      .given([enrolled('inn-1'), awarded('g-1', 'inn-1'), paid('g-1', 800_000), revoked('g-1')])
      .then(async (db) => {
        expect(await db.selectFrom('innovator_summary').select(grantFigures).executeTakeFirst()).toEqual({
          grants: 1,
          amount_awarded: 2_000_000,
          amount_paid: 800_000,
        });
      });
  });

  it('given two awards, one corrected and part-paid, when that one is voided, then it leaves the count, the amount and the paid', async () => {
    await spec
      .given([
        enrolled('inn-1'),
        awarded('g-1', 'inn-1'),
        awarded('g-2', 'inn-1', 1_000_000),
        corrected('g-1', 2_000_000, 1_800_000),
        paid('g-1', 600_000),
        paid('g-2', 100_000),
        grantVoided('g-1'),
      ])
      .then(async (db) => {
        expect(await db.selectFrom('innovator_summary').select(grantFigures).executeTakeFirst()).toEqual({
          grants: 1,
          amount_awarded: 1_000_000,
          amount_paid: 100_000,
        });
      });
  });

  it('given a revoked award, when it is voided, then it drops out of every figure', async () => {
    await spec
      .given([
        enrolled('inn-1'),
        awarded('g-1', 'inn-1'),
        paid('g-1', 200_000),
        revoked('g-1'),
        grantVoided('g-1'),
      ])
      .then(async (db) => {
        expect(await db.selectFrom('innovator_summary').select(grantFigures).executeTakeFirst()).toEqual({
          grants: 0,
          amount_awarded: 0,
          amount_paid: 0,
        });
      });
  });

  it('given awards to two innovators, when one award is voided, then only its innovator’s figures change', async () => {
    await spec
      .given([
        enrolled('inn-1'),
        enrolled('inn-2'),
        awarded('g-1', 'inn-1'),
        awarded('g-2', 'inn-2'),
        grantVoided('g-2'),
      ])
      .then(async (db) => {
        const rows = await db
          .selectFrom('innovator_summary')
          .select(['innovator_id', 'grants', 'amount_awarded'])
          .orderBy('innovator_id')
          .execute();
        expect(rows).toEqual([
          { innovator_id: 'inn-1', grants: 1, amount_awarded: 2_000_000 },
          { innovator_id: 'inn-2', grants: 0, amount_awarded: 0 },
        ]);
      });
  });

  it('given three introductions and two partnerships, when one of each is voided and one partnership ended, then 2 introductions and 1 partnership count', async () => {
    await spec
      .given([
        enrolled('inn-1'),
        introduced('i-1', 'inn-1'),
        introduced('i-2', 'inn-1'),
        introduced('i-3', 'inn-1'),
        confirmed('p-1', 'i-1', 'inn-1'),
        confirmed('p-2', 'i-2', 'inn-1'),
        ended('p-1'),
        partnershipVoided('p-2'),
        introductionVoided('i-3'),
      ])
      .then(async (db) => {
        expect(
          await db
            .selectFrom('innovator_summary')
            .select(['introductions', 'partnerships'])
            .executeTakeFirst(),
        ).toEqual({ introductions: 2, partnerships: 1 });
      });
  });

  it('given income from several reports, then income sums them all and attributable only those attributed to the programme', async () => {
    await spec
      .given([
        enrolled('inn-1'),
        income('inn-1', 1_500_000, true),
        income('inn-1', 700_000, false),
        income('inn-1', 300_000, true),
      ])
      .then(async (db) => {
        expect(
          await db
            .selectFrom('innovator_summary')
            .select(['income', 'income_attributable'])
            .executeTakeFirst(),
        ).toEqual({ income: 2_500_000, income_attributable: 1_800_000 });
      });
  });

  it('given forecasts recorded out of date order, then the latest as-of date wins, and of two on one date the later recorded', async () => {
    await spec
      .given([
        enrolled('inn-1'),
        forecast('inn-1', 10_000_000, '2018-02-01'),
        forecast('inn-1', 9_000_000, '2018-01-01', 6),
        forecast('inn-1', 12_000_000, '2018-02-01', 18),
      ])
      .then(async (db) => {
        expect(
          await db
            .selectFrom('innovator_summary')
            .select(['forecast', 'forecast_horizon_months', 'forecast_as_of'])
            .executeTakeFirst(),
        ).toEqual({ forecast: 12_000_000, forecast_horizon_months: 18, forecast_as_of: '2018-02-01' });
      });
  });

  it('given an innovator with an award, when they withdraw, then they are withdrawn and keep their figures', async () => {
    await spec.given([enrolled('inn-1'), awarded('g-1', 'inn-1'), withdrawn('inn-1')]).then(async (db) => {
      expect(
        await db
          .selectFrom('innovator_summary')
          .select(['status', 'grants', 'amount_awarded'])
          .executeTakeFirst(),
      ).toEqual({ status: 'withdrawn', grants: 1, amount_awarded: 2_000_000 });
    });
  });

  it('given an award to an innovator never enrolled, then the projection stops with an error naming the innovator', async () => {
    await expect(spec.given([awarded('g-1', 'inn-404')]).then(() => Promise.resolve())).rejects.toThrow(
      'GrantAwarded for innovator inn-404, who is not enrolled',
    );
  });

  it('given a payment on a grant never awarded, then the projection stops with an error naming the grant', async () => {
    await expect(
      spec.given([enrolled('inn-1'), paid('g-404', 100)]).then(() => Promise.resolve()),
    ).rejects.toThrow('grant g-404, which was never awarded');
  });
});
