import { describe, expect, it } from '@jest/globals';
import { projectionSpec } from '@ledger/testing';
import {
  awarded,
  confirmed,
  enrolled,
  forecast,
  income,
  introduced,
  paid,
} from './innovator-summary.fixtures.spec.js';
import { innovatorSummaryProjection } from './innovator-summary.projection.js';
import { getInnovator, listInnovators } from './innovator-summary.queries.js';
import type { InnovatorSummaryTables } from './innovator-summary.tables.js';

const spec = projectionSpec<InnovatorSummaryTables>(innovatorSummaryProjection);

const cohort = [
  enrolled('inn-1', { name: 'Clearview', challengeArea: 'mental-health' }),
  enrolled('inn-2', { name: 'Abacus', challengeArea: 'financial-inclusion' }),
  enrolled('inn-3', { name: 'Bridge', challengeArea: 'mental-health' }),
  enrolled('inn-4', { name: 'Dawn', challengeArea: 'mental-health', programmeId: 'other' }),
];

const ids = (page: { items: readonly { innovatorId: string }[] }) =>
  page.items.map((item) => item.innovatorId);

describe('innovator summary queries', () => {
  it('given innovators in two programmes, when listed for one, then only its innovators come back, by name', async () => {
    await spec.given(cohort).then(async (db) => {
      const page = await listInnovators(db, { programmeId: 'iep' });
      expect(ids(page)).toEqual(['inn-2', 'inn-3', 'inn-1']);
      expect(page.total).toBe(3);
    });
  });

  it('given innovators in several challenge areas, when listed by one, then only that area’s come back', async () => {
    await spec.given(cohort).then(async (db) => {
      expect(ids(await listInnovators(db, { challengeArea: 'mental-health' }))).toEqual([
        'inn-3',
        'inn-1',
        'inn-4',
      ]);
      expect(ids(await listInnovators(db, { challengeArea: 'mental-health', programmeId: 'iep' }))).toEqual([
        'inn-3',
        'inn-1',
      ]);
    });
  });

  it('given four innovators, when a page of 2 at offset 1 is asked for, then it holds the 2nd and 3rd and the total is 4', async () => {
    await spec.given(cohort).then(async (db) => {
      const page = await listInnovators(db, { limit: 2, offset: 1 });
      expect(ids(page)).toEqual(['inn-3', 'inn-1']);
      expect(page.total).toBe(4);
    });
  });

  it('given 501 innovators, when listed without a limit or with one above 500, then pages hold 50 and 500', async () => {
    const many = Array.from({ length: 501 }, (_, i) => enrolled(`inn-${String(i).padStart(3, '0')}`));
    await spec.given(many).then(async (db) => {
      const byDefault = await listInnovators(db);
      expect(byDefault.items).toHaveLength(50);
      expect(byDefault.total).toBe(501);
      expect((await listInnovators(db, { limit: 1_000 })).items).toHaveLength(500);
    });
  });

  it('given an innovator with a grant, a partnership, income and a forecast, when fetched, then every figure comes back JSON-ready in pence', async () => {
    await spec
      .given([
        enrolled('inn-1'),
        awarded('g-1', 'inn-1'),
        paid('g-1', 2_000_000),
        introduced('i-1', 'inn-1'),
        confirmed('p-1', 'i-1', 'inn-1'),
        income('inn-1', 3_600_000, true),
        forecast('inn-1', 18_000_000, '2018-02-28'),
      ])
      .then(async (db) => {
        const innovator = await getInnovator(db, 'inn-1');
        expect(innovator).toMatchObject({
          innovatorId: 'inn-1',
          programmeId: 'iep',
          name: 'Innovator inn-1',
          challengeArea: 'financial-inclusion',
          status: 'enrolled',
          enrolledOn: '2017-09-01',
          grants: 1,
          amountAwarded: 2_000_000,
          amountPaid: 2_000_000,
          introductions: 1,
          partnerships: 1,
          income: 3_600_000,
          incomeAttributable: 3_600_000,
          forecast: 18_000_000,
          forecastHorizonMonths: 12,
          forecastAsOf: '2018-02-28',
          lastEventPosition: '7',
        });
        expect(JSON.parse(JSON.stringify(innovator))).toEqual(innovator);
      });
  });

  it('given no such innovator, when fetched, then the answer is undefined', async () => {
    await spec.given(cohort).then(async (db) => {
      expect(await getInnovator(db, 'inn-404')).toBeUndefined();
    });
  });
});
