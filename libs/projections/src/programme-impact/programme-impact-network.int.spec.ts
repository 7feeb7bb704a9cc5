import { describe, expect, test } from '@jest/globals';
import { projectionSpec } from '@ledger/testing';
import {
  byAdmin,
  introductionMade,
  partnershipConfirmed,
  programmeLaunched,
} from './impact-events.fixture.js';
import { programmeImpactProjection } from './programme-impact.projection.js';

const spec = projectionSpec(programmeImpactProjection);
const converted = (introductionId: string, partnershipId: string) => ({
  type: 'IntroductionConverted',
  data: { introductionId, partnershipId, convertedOn: '2017-11-15' },
});

describe('programme-impact: introductions and partnerships', () => {
  test('given introductions closed, converted and voided, then each has its status and only the void is a correction', async () => {
    await spec
      .given([
        programmeLaunched(),
        introductionMade('in1', 'i1'),
        introductionMade('in2', 'i1'),
        introductionMade('in3', 'i1'),
        {
          type: 'IntroductionClosed',
          data: { introductionId: 'in1', outcome: 'no-fit', closedOn: '2017-10-10' },
        },
        partnershipConfirmed('p1', 'in2', 'i1'),
        converted('in2', 'p1'),
        {
          type: 'IntroductionVoided',
          data: { introductionId: 'in3', reason: 'Duplicate' },
          ...byAdmin('Duplicate'),
        },
      ])
      .then(async (db) => {
        const rows = await db
          .selectFrom('impact_introductions')
          .select(['introduction_id', 'status'])
          .orderBy('introduction_id')
          .execute();
        expect(rows.map((row) => row.status)).toEqual(['closed', 'converted', 'voided']);
        const corrections = await db
          .selectFrom('impact_corrections')
          .select(['type', 'entity_stream', 'summary'])
          .execute();
        expect(corrections).toEqual([
          {
            type: 'IntroductionVoided',
            entity_stream: 'introduction-in3',
            summary: 'Introduction in3 voided as recorded in error; it drops out of every total',
          },
        ]);
      });
  });

  test('given one partnership ended and one voided, then the ended one stays, the voided one drops and its introduction is open again', async () => {
    await spec
      .given([
        programmeLaunched(),
        introductionMade('in1', 'i1'),
        introductionMade('in2', 'i1'),
        partnershipConfirmed('p1', 'in1', 'i1'),
        converted('in1', 'p1'),
        partnershipConfirmed('p2', 'in2', 'i1'),
        converted('in2', 'p2'),
        { type: 'PartnershipEnded', data: { partnershipId: 'p1', endedOn: '2018-05-01', reason: 'Done' } },
        {
          type: 'PartnershipVoided',
          data: { partnershipId: 'p2', reason: 'Never agreed' },
          ...byAdmin('Never agreed'),
        },
      ])
      .then(async (db) => {
        const partnerships = await db
          .selectFrom('impact_partnerships')
          .select(['partnership_id', 'status'])
          .orderBy('partnership_id')
          .execute();
        expect(partnerships).toEqual([
          { partnership_id: 'p1', status: 'ended' },
          { partnership_id: 'p2', status: 'voided' },
        ]);
        const introductions = await db
          .selectFrom('impact_introductions')
          .select('status')
          .orderBy('introduction_id')
          .execute();
        expect(introductions.map((row) => row.status)).toEqual(['converted', 'open']);
        const corrections = await db
          .selectFrom('impact_corrections')
          .select(['seq', 'summary'])
          .orderBy('seq')
          .execute();
        expect(corrections).toEqual([
          { seq: 1, summary: 'Partnership p1 ended on 2018-05-01; it stays in the partnerships confirmed' },
          { seq: 2, summary: 'Partnership p2 voided as recorded in error; it drops out of every total' },
        ]);
      });
  });
});
