import { describe, expect, test } from '@jest/globals';
import type { Position } from '@ledger/event-store';
import { projectionSpec } from '@ledger/testing';
import { impactFacts, programmeImpactProjection } from '@ledger/projections';
// The IEP scenario is a test fixture of the projection, not part of its public door.
import { IEP_PERIOD, iepScenario } from '../../projections/src/programme-impact/iep-scenario.fixture.js';
import { buildImpactReport } from './impact-report.builder.js';
import { renderImpactCsv } from './impact-report.csv.js';

describe('the DCMS impact report from the ledger', () => {
  test('given the IEP events with corrections and voids, when projected and reported, then the report shows exactly the published figures', async () => {
    await projectionSpec(programmeImpactProjection)
      .given(iepScenario())
      .then(async (db, recorded) => {
        const facts = await impactFacts(db, 'iep', IEP_PERIOD);
        if (!facts) throw new Error('The IEP programme is missing');
        const position = recorded.at(-1)?.globalPosition ?? ('0' as Position);
        const report = buildImpactReport(facts, {
          programmeId: 'iep',
          period: IEP_PERIOD,
          position,
          ledgerRecordedAt: '2018-10-15T12:00:00.000Z',
        });

        expect({
          innovators: report.innovators.total.display,
          byArea: report.innovators.byChallengeArea.map(({ count }) => count.value),
          grants: report.grants.count.display,
          awarded: report.grants.awarded.display,
          paid: report.grants.paid.display,
          introductions: report.introductions.made.display,
          partnerships: report.partnerships.confirmed.display,
          target: report.partnerships.target.display,
          percentOfTarget: report.partnerships.percentOfTarget.display,
          conversion: report.partnerships.conversionRate.display,
          income: report.income.total.display,
          leverage: report.leverage.display,
          forecast: report.forecast.total.display,
          projects: report.projects.count.display,
          corrections: report.corrections.length,
        }).toEqual({
          innovators: '18',
          byArea: [6, 6, 6],
          grants: '18',
          awarded: '£360,000',
          paid: '£350,000',
          introductions: '230',
          partnerships: '100',
          target: '9',
          percentOfTarget: '1,111%',
          conversion: '43.5%',
          income: '£650,000',
          leverage: '£1.81 per £1 granted',
          forecast: '£3,200,000',
          projects: '3',
          corrections: 6,
        });
        expect(report.ledgerPosition).toBe(String(recorded.length));
        expect(renderImpactCsv(report)).toContain('grants,grantsAwarded,36000000,"£360,000"');
      });
  });

  test('given the previous report was computed before the partnership corrections, then only those are listed as corrected since', async () => {
    await projectionSpec(programmeImpactProjection)
      .given(iepScenario())
      .then(async (db, recorded) => {
        const facts = await impactFacts(db, 'iep', IEP_PERIOD);
        if (!facts) throw new Error('The IEP programme is missing');
        const previous = recorded.find((event) => event.type === 'PartnershipEnded');
        const since = String(Number(previous?.globalPosition) - 1) as Position;
        const position = recorded.at(-1)?.globalPosition ?? ('0' as Position);
        const options = {
          programmeId: 'iep',
          period: IEP_PERIOD,
          position,
          ledgerRecordedAt: '2018-10-15T12:00:00.000Z',
        };
        const report = buildImpactReport(facts, { ...options, correctionsSince: since });
        expect(
          report.corrections.map((correction) => [correction.type, correction.actor.role, correction.reason]),
        ).toEqual([
          ['PartnershipEnded', 'admin', 'Pilot complete'],
          ['PartnershipVoided', 'admin', 'Never agreed'],
        ]);
      });
  });
});
