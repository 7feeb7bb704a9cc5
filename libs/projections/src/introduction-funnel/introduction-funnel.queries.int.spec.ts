import { describe, expect, it } from '@jest/globals';
import { type GivenEvent, projectionSpec } from '@ledger/testing';
import {
  closed,
  confirmed,
  enrolled,
  type Introduction,
  introduced,
  introductionVoided,
  partner,
  partnershipVoided,
} from './introduction-funnel.fixtures.spec.js';
import { introductionFunnelProjection } from './introduction-funnel.projection.js';
import { funnel } from './introduction-funnel.queries.js';
import type { IntroductionFunnelTables } from './introduction-funnel.tables.js';

const spec = projectionSpec<IntroductionFunnelTables>(introductionFunnelProjection);

const intro = (
  introductionId: string,
  innovatorId: string,
  partnerId: string,
  madeOn: string,
): Introduction => ({
  introductionId,
  innovatorId,
  partnerId,
  madeOn,
});

const i1 = intro('i-1', 'inn-f', 'par-b', '2017-10-02');
const i2 = intro('i-2', 'inn-f', 'par-c', '2017-10-20');
const i5 = intro('i-5', 'inn-y', 'par-b', '2017-12-01');
const i6 = intro('i-6', 'inn-y', 'par-c', '2017-12-05');
const other: Introduction = { ...intro('i-8', 'inn-o', 'par-b', '2017-10-05'), programmeId: 'other' };

/**
 * Six live introductions in three months: three converted (after 10, 30 and 20 days), one open, one
 * closed, one open again after its partnership was voided; plus a voided one and another programme's.
 */
const programme: GivenEvent[] = [
  partner('par-b', 'business'),
  partner('par-c', 'civil-society'),
  partner('par-p', 'public'),
  enrolled('inn-f', 'financial-inclusion'),
  enrolled('inn-m', 'mental-health'),
  enrolled('inn-y', 'young-people'),
  enrolled('inn-o', 'financial-inclusion', 'other'),
  ...[i1, i2, intro('i-3', 'inn-m', 'par-b', '2017-11-01'), intro('i-4', 'inn-m', 'par-p', '2017-11-15')].map(
    introduced,
  ),
  ...[i5, i6, intro('i-7', 'inn-f', 'par-b', '2017-12-10'), other].map(introduced),
  ...confirmed('p-1', i1, '2017-10-12'),
  ...confirmed('p-2', i2, '2017-11-19'),
  closed('i-4'),
  ...confirmed('p-5', i5, '2017-12-21'),
  ...confirmed('p-6', i6, '2017-12-06'),
  partnershipVoided('p-6'),
  introductionVoided('i-7'),
  ...confirmed('p-8', other, '2017-10-06'),
];

const row = (
  key: string,
  introductions: number,
  partnerships: number,
  rate: number,
  median: number | null,
) => ({
  key,
  introductions,
  partnerships,
  conversionRate: rate,
  medianDaysToPartnership: median,
});

describe('introduction funnel query', () => {
  it('given a programme’s introductions, when totalled, then voided ones and other programmes’ are left out', async () => {
    await spec.given(programme).then(async (db) => {
      expect(await funnel(db, { programmeId: 'iep', by: 'total' })).toEqual([row('total', 6, 3, 0.5, 20)]);
    });
  });

  it('given introductions in three challenge areas, when cut by challenge area, then each area has its own figures', async () => {
    await spec.given(programme).then(async (db) => {
      expect(await funnel(db, { programmeId: 'iep', by: 'challenge-area' })).toEqual([
        row('financial-inclusion', 2, 2, 1, 20),
        row('mental-health', 2, 0, 0, null),
        row('young-people', 2, 1, 0.5, 20),
      ]);
    });
  });

  it('given introductions to three sectors, when cut by partner sector, then rates round to 4 decimals and an even count has the mean of the middle two as median', async () => {
    await spec.given(programme).then(async (db) => {
      expect(await funnel(db, { programmeId: 'iep', by: 'partner-sector' })).toEqual([
        row('business', 3, 2, 0.6667, 15),
        row('civil-society', 2, 1, 0.5, 30),
        row('public', 1, 0, 0, null),
      ]);
    });
  });

  it('given introductions over three months, when cut by month, then each month counts the introductions made in it', async () => {
    await spec.given(programme).then(async (db) => {
      expect(await funnel(db, { programmeId: 'iep', by: 'month' })).toEqual([
        row('2017-10', 2, 2, 1, 20),
        row('2017-11', 2, 0, 0, null),
        row('2017-12', 2, 1, 0.5, 20),
      ]);
    });
  });

  it('given introductions over three months, when a made-on range is given, then both ends are inclusive', async () => {
    await spec.given(programme).then(async (db) => {
      expect(
        await funnel(db, { programmeId: 'iep', by: 'total', from: '2017-10-20', to: '2017-12-01' }),
      ).toEqual([row('total', 4, 2, 0.5, 25)]);
    });
  });

  it('given no introductions in a programme, when totalled, then one zero row; when cut, then no rows', async () => {
    await spec.given(programme).then(async (db) => {
      expect(await funnel(db, { programmeId: 'none', by: 'total' })).toEqual([row('total', 0, 0, 0, null)]);
      expect(await funnel(db, { programmeId: 'none', by: 'month' })).toEqual([]);
    });
  });
});
