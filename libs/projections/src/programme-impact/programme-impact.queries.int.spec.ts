import { describe, expect, test } from '@jest/globals';
import { projectionSpec } from '@ledger/testing';
import {
  forecastRecorded,
  grantAwarded,
  incomeReported,
  innovatorEnrolled,
  introductionMade,
  partnershipConfirmed,
  programmeLaunched,
  projectStarted,
} from './impact-events.fixture.js';
import { programmeImpactProjection } from './programme-impact.projection.js';
import { impactFacts } from './programme-impact.queries.js';

const spec = projectionSpec(programmeImpactProjection);
const Q1_2018 = { from: '2018-01-01', to: '2018-03-31' };

describe('impactFacts', () => {
  test('given a programme whose target was raised and which closed, then its facts carry the funder, delivery partner, areas and current targets', async () => {
    await spec
      .given([
        programmeLaunched('p1', 9),
        { type: 'ProgrammeTargetSet', data: { programmeId: 'p1', metric: 'partnerships', value: 12 } },
        { type: 'ProgrammeClosed', data: { programmeId: 'p1', closedOn: '2018-09-30' } },
      ])
      .then(async (db) => {
        const facts = await impactFacts(db, 'p1', Q1_2018);
        expect(facts?.programme).toMatchObject({
          funder: { name: 'Department for Digital, Culture, Media and Sport', orgId: 'GB-GOR-D5' },
          deliveryPartner: { name: 'Nesta', orgId: 'GB-CHC-1144091' },
          targets: { partnerships: 12 },
          status: 'closed',
          grantBudget: 40_000_000,
        });
        expect(facts?.programme.challengeAreas).toHaveLength(3);
        expect(await impactFacts(db, 'unknown', Q1_2018)).toBeUndefined();
      });
  });

  test('given facts dated either side of a period, then only those whose business date falls in it are returned', async () => {
    await spec
      .given([
        programmeLaunched('p1'),
        innovatorEnrolled('i1', undefined, { programmeId: 'p1', enrolledOn: '2017-08-15' }),
        innovatorEnrolled('late', undefined, { programmeId: 'p1', enrolledOn: '2018-04-01' }),
        grantAwarded('g-in', 'i1', 100, { programmeId: 'p1', awardedOn: '2018-01-01' }),
        grantAwarded('g-out', 'i1', 100, { programmeId: 'p1', awardedOn: '2017-12-31' }),
        introductionMade('in-in', 'i1', { programmeId: 'p1', madeOn: '2018-03-31' }),
        introductionMade('in-out', 'i1', { programmeId: 'p1', madeOn: '2018-04-01' }),
        partnershipConfirmed('p-in', 'in-in', 'i1', { programmeId: 'p1', confirmedOn: '2018-02-01' }),
        partnershipConfirmed('p-out', 'in-out', 'i1', { programmeId: 'p1', confirmedOn: '2018-04-02' }),
        incomeReported('inc-in', 'i1', 500, { periodEnd: '2018-03-31' }),
        incomeReported('inc-out', 'i1', 500, { periodEnd: '2018-06-30' }),
        projectStarted('pr-out', 'Later project', '2018-06-01'),
      ])
      .then(async (db) => {
        const facts = await impactFacts(db, 'p1', Q1_2018);
        const ids = (items: readonly { id: string }[] | undefined) => items?.map((item) => item.id);
        expect(ids(facts?.innovators)).toEqual(['i1']);
        expect(ids(facts?.grants)).toEqual(['g-in']);
        expect(ids(facts?.introductions)).toEqual(['in-in']);
        expect(ids(facts?.partnerships)).toEqual(['p-in']);
        expect(ids(facts?.income)).toEqual(['inc-in']);
        expect(facts?.projects).toEqual([]);
      });
  });

  test('given an innovator withdrawn before the period, then it is not counted as supported in it', async () => {
    await spec
      .given([
        programmeLaunched('p1'),
        innovatorEnrolled('gone', undefined, { programmeId: 'p1' }),
        innovatorEnrolled('stayed', undefined, { programmeId: 'p1' }),
        {
          type: 'InnovatorWithdrawn',
          data: { innovatorId: 'gone', withdrawnOn: '2017-12-01', reason: 'Closed' },
        },
      ])
      .then(async (db) => {
        const facts = await impactFacts(db, 'p1', Q1_2018);
        expect(facts?.innovators.map((innovator) => innovator.id)).toEqual(['stayed']);
      });
  });

  test('given several forecasts per innovator, then the latest as of the period end is the one returned', async () => {
    await spec
      .given([
        programmeLaunched('p1'),
        innovatorEnrolled('i1', undefined, { programmeId: 'p1' }),
        forecastRecorded('i1', 100, '2018-01-31'),
        forecastRecorded('i1', 200, '2018-03-31'),
        forecastRecorded('i1', 250, '2018-03-31'),
        forecastRecorded('i1', 900, '2018-06-30'),
      ])
      .then(async (db) => {
        const facts = await impactFacts(db, 'p1', Q1_2018);
        expect(facts?.forecasts).toEqual([
          { innovatorId: 'i1', amount: 250, horizonMonths: 12, asOf: '2018-03-31' },
        ]);
      });
  });

  test('given two programmes, then the facts of one never include the other', async () => {
    await spec
      .given([
        programmeLaunched('p1'),
        programmeLaunched('p2'),
        innovatorEnrolled('a', undefined, { programmeId: 'p1' }),
        innovatorEnrolled('b', undefined, { programmeId: 'p2' }),
        grantAwarded('ga', 'a', 100, { programmeId: 'p1' }),
        grantAwarded('gb', 'b', 100, { programmeId: 'p2' }),
        incomeReported('income-b', 'b', 700),
        { type: 'GrantAwardVoided', data: { grantId: 'gb', reason: 'Wrong programme' } },
      ])
      .then(async (db) => {
        const facts = await impactFacts(db, 'p1', { from: '2017-01-01', to: '2018-12-31' });
        expect(facts?.innovators.map((innovator) => innovator.id)).toEqual(['a']);
        expect(facts?.grants.map((grant) => grant.id)).toEqual(['ga']);
        expect(facts?.income).toEqual([]);
        expect(facts?.corrections).toEqual([]);
      });
  });
});
