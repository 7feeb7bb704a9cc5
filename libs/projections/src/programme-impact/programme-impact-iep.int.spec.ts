import { describe, expect, test } from '@jest/globals';
import { projectionSpec } from '@ledger/testing';
import { IEP_PERIOD, iepScenario } from './iep-scenario.fixture.js';
import { programmeImpactProjection } from './programme-impact.projection.js';
import { impactFacts } from './programme-impact.queries.js';

const sum = (items: readonly { amount: number }[]) => items.reduce((total, item) => total + item.amount, 0);

describe('programme-impact: the IEP accelerator', () => {
  test('given the IEP events with their corrections, then the facts hold every record with its status and the six corrections in log order', async () => {
    await projectionSpec(programmeImpactProjection)
      .given(iepScenario())
      .then(async (db) => {
        const facts = await impactFacts(db, 'iep', IEP_PERIOD);
        if (!facts) throw new Error('The IEP programme is missing');
        expect(facts.innovators).toHaveLength(18);
        expect(facts.grants).toHaveLength(19);
        expect(facts.grants.filter((grant) => grant.status === 'voided').map((grant) => grant.id)).toEqual([
          'iep-g-019',
        ]);
        expect(facts.grants.find((grant) => grant.id === 'iep-g-001')?.amount).toBe(2_000_000);
        expect(facts.introductions.filter((intro) => intro.status !== 'voided')).toHaveLength(230);
        expect(facts.partnerships.filter((partnership) => partnership.status !== 'voided')).toHaveLength(100);
        expect(sum(facts.income)).toBe(65_000_000);
        expect(sum(facts.forecasts)).toBe(320_000_000);
        expect(facts.projects).toHaveLength(3);
        expect(facts.corrections.map((correction) => [correction.seq, correction.type])).toEqual([
          [1, 'GrantAmountCorrected'],
          [2, 'GrantRevoked'],
          [3, 'GrantAwardVoided'],
          [4, 'IntroductionVoided'],
          [5, 'PartnershipEnded'],
          [6, 'PartnershipVoided'],
        ]);
      });
  }, 30_000); // about 700 events through the Kysely path, on PostgreSQL too: slow on a busy machine
});
