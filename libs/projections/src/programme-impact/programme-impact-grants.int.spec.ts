import { describe, expect, test } from '@jest/globals';
import { pence } from '@ledger/ledger-domain';
import { projectionSpec } from '@ledger/testing';
import { byAdmin, grantAwarded, innovatorEnrolled, programmeLaunched } from './impact-events.fixture.js';
import { programmeImpactProjection } from './programme-impact.projection.js';

const spec = projectionSpec(programmeImpactProjection);
const setUp = [programmeLaunched('p1'), innovatorEnrolled('i1', undefined, { programmeId: 'p1' })];
const paid = (paymentId: string, amount: number) => ({
  type: 'GrantPaymentMade',
  data: { grantId: 'g1', paymentId, amount: pence(amount), paidOn: '2017-10-01' },
});

describe('programme-impact: grants', () => {
  test('given an award, two payments and a correction, then the grant holds the corrected amount, the paid total and the correction with who, when and why', async () => {
    const corrected = {
      type: 'GrantAmountCorrected',
      data: { grantId: 'g1', from: pence(200_000), to: pence(2_000_000), reason: 'Typo' },
      ...byAdmin('A zero was missing', '2018-01-02T10:00:00.000Z'),
    };
    await spec
      .given([
        ...setUp,
        grantAwarded('g1', 'i1', 200_000, { programmeId: 'p1' }),
        paid('a', 100_000),
        corrected,
        paid('b', 900_000),
      ])
      .then(async (db, recorded) => {
        const grant = await db.selectFrom('impact_grants').selectAll().executeTakeFirstOrThrow();
        expect(grant).toMatchObject({ grant_id: 'g1', programme_id: 'p1', status: 'awarded' });
        expect([Number(grant.amount), Number(grant.paid)]).toEqual([2_000_000, 1_000_000]);
        const corrections = await db.selectFrom('impact_corrections').selectAll().execute();
        expect(corrections).toEqual([
          {
            event_id: recorded[4]?.eventId,
            position: '5',
            seq: 1,
            type: 'GrantAmountCorrected',
            entity_stream: 'grant-g1',
            programme_id: 'p1',
            recorded_at: '2018-01-02T10:00:00.000Z',
            actor_id: 'admin-1',
            actor_role: 'admin',
            reason: 'A zero was missing',
            summary: 'Grant g1 amount corrected from £2,000.00 to £20,000.00',
          },
        ]);
      });
  });

  test('given one grant revoked and one voided, then both keep their rows with their status and each is a correction in log order', async () => {
    const revoked = {
      type: 'GrantRevoked',
      data: { grantId: 'g1', revokedOn: '2018-02-01', reason: 'Stopped' },
    };
    const voided = { type: 'GrantAwardVoided', data: { grantId: 'g2', reason: 'Entered twice' } };
    const awards = [
      grantAwarded('g1', 'i1', 2_000_000, { programmeId: 'p1' }),
      grantAwarded('g2', 'i1', 2_000_000, { programmeId: 'p1' }),
    ];
    await spec.given([...setUp, ...awards, revoked, voided]).then(async (db) => {
      const grants = await db
        .selectFrom('impact_grants')
        .select(['grant_id', 'status'])
        .orderBy('grant_id')
        .execute();
      expect(grants).toEqual([
        { grant_id: 'g1', status: 'revoked' },
        { grant_id: 'g2', status: 'voided' },
      ]);
      const corrections = await db
        .selectFrom('impact_corrections')
        .select(['seq', 'reason', 'summary'])
        .orderBy('seq')
        .execute();
      expect(corrections).toEqual([
        {
          seq: 1,
          reason: 'Stopped',
          summary: 'Grant g1 (£20,000.00) revoked on 2018-02-01; it stays in the awards made',
        },
        {
          seq: 2,
          reason: 'Entered twice',
          summary: 'Grant g2 (£20,000.00) voided as recorded in error; it drops out of every total',
        },
      ]);
    });
  });

  test('given a payment on a grant the projection never saw, then the projection stops at that event with the grant named', async () => {
    const run = spec.given([...setUp, paid('a', 1)]).then(() => Promise.resolve());
    await expect(run).rejects.toThrow('GrantPaymentMade at position 3 names unknown grant "g1"');
  });

  test('given a programme whose grant budget is raised, then its row holds the raised budget', async () => {
    const raised = {
      type: 'GrantBudgetRaised',
      data: { programmeId: 'p1', from: pence(40_000_000), to: pence(41_234_550), reason: 'Import' },
    };
    await spec.given([...setUp, raised]).then(async (db) => {
      const programme = await db
        .selectFrom('impact_programmes')
        .select('grant_budget')
        .executeTakeFirstOrThrow();
      expect(Number(programme.grant_budget)).toBe(41_234_550);
    });
  });
});
