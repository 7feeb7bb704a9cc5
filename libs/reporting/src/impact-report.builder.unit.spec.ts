import { describe, expect, test } from '@jest/globals';
import type { Position } from '@ledger/event-store';
import { buildImpactReport, type ImpactReportOptions } from './impact-report.builder.js';
import { IEP_PERIOD, IEP_POSITION, iepFacts } from './testing/iep-facts.fixture.js';

const options: ImpactReportOptions = {
  programmeId: 'iep',
  period: IEP_PERIOD,
  position: IEP_POSITION,
  ledgerRecordedAt: '2018-10-15T12:00:00.000Z',
};

describe('buildImpactReport', () => {
  test('given the IEP facts, when the report is built, then it shows exactly the published figures', () => {
    const report = buildImpactReport(iepFacts(), options);

    expect(report.innovators.total).toEqual({ value: 18, display: '18' });
    expect(report.innovators.byChallengeArea.map(({ count }) => count.value)).toEqual([6, 6, 6]);
    expect(report.grants.count).toEqual({ value: 18, display: '18' });
    expect(report.grants.awarded).toEqual({ pence: 36_000_000, display: '£360,000' });
    expect(report.introductions.made).toEqual({ value: 230, display: '230' });
    expect(report.partnerships.confirmed).toEqual({ value: 100, display: '100' });
    expect(report.partnerships.target).toEqual({ value: 9, display: '9' });
    expect(report.partnerships.percentOfTarget).toMatchObject({ value: 1111, display: '1,111%' });
    expect(report.partnerships.conversionRate).toMatchObject({
      numerator: 100,
      denominator: 230,
      value: 43.5,
      display: '43.5%',
    });
    expect(report.income.total).toEqual({ pence: 65_000_000, display: '£650,000' });
    expect(report.leverage).toMatchObject({ value: 1.81, display: '£1.81 per £1 granted' });
    expect(report.forecast).toMatchObject({
      total: { pence: 320_000_000, display: '£3,200,000' },
      horizonDisplay: '12 months',
    });
    expect(report.projects.count.value).toBe(3);
    expect(report.ledgerPosition).toBe('1000');
  });

  test('given a revoked and a voided grant, then the revoked one stays in the awards and its payment in paid, the voided one drops out', () => {
    const { grants } = buildImpactReport(iepFacts(), options);
    expect(grants).toMatchObject({ revoked: 1, voidedExcluded: 1 });
    expect(grants.paid).toEqual({ pence: 35_000_000, display: '£350,000' });
  });

  test('given a voided introduction and partnership and an ended partnership, then only the voided ones drop out', () => {
    const { introductions, partnerships } = buildImpactReport(iepFacts(), options);
    expect(introductions.voidedExcluded).toBe(1);
    expect(partnerships.voidedExcluded).toBe(1);
    expect(partnerships.confirmed.value).toBe(100);
  });

  test('given income from three sources, then the report splits it by source and by attribution', () => {
    const { income } = buildImpactReport(iepFacts(), options);
    expect(income.attributable).toEqual({ pence: 47_000_000, display: '£470,000' });
    expect(income.bySource.map(({ source, amount }) => [source, amount.pence])).toEqual([
      ['grant', 18_000_000],
      ['earned', 36_000_000],
      ['investment', 11_000_000],
    ]);
  });

  test('given no previous report, then every correction is listed with when, who, why and what', () => {
    const report = buildImpactReport(iepFacts(), options);
    expect(report.correctionsSince).toBeNull();
    expect(report.corrections[0]).toEqual({
      position: '100',
      eventId: 'event-1',
      type: 'GrantAmountCorrected',
      entityStream: 'grant-g-001',
      recordedAt: '2018-10-01T09:00:00.000Z',
      actor: { id: 'admin-1', role: 'admin' },
      reason: 'Reason 1',
      summary: 'Grant g-001 amount corrected from £2,000.00 to £20,000.00',
    });
    expect(report.corrections).toHaveLength(3);
  });

  test('given the previous report position, then only the corrections after it are listed, in numeric position order', () => {
    const report = buildImpactReport(iepFacts(), { ...options, correctionsSince: '99' as Position });
    expect(report.corrections.map((correction) => correction.position)).toEqual(['100', '200', '300']);
    const later = buildImpactReport(iepFacts(), { ...options, correctionsSince: '200' as Position });
    expect(later.corrections.map((correction) => correction.position)).toEqual(['300']);
  });

  test('given positions the embedded order cannot read, then the store comparator is required and used', () => {
    const since = 'C:7/P:7' as Position;
    expect(() => buildImpactReport(iepFacts(), { ...options, correctionsSince: since })).toThrow(
      /comparePositions/,
    );
    const compare = (a: Position, b: Position) => (a === b ? 0 : a.startsWith('C:') ? -1 : 1);
    const report = buildImpactReport(iepFacts(), {
      ...options,
      correctionsSince: since,
      comparePositions: compare,
    });
    expect(report.corrections).toHaveLength(3);
  });

  test('given facts read for another programme or period, then the report refuses to mislabel them', () => {
    expect(() => buildImpactReport(iepFacts(), { ...options, programmeId: 'other' })).toThrow(/not other/);
    const period = { from: '2018-01-01', to: '2018-03-31' };
    expect(() => buildImpactReport(iepFacts(), { ...options, period })).toThrow(/2018-01-01/);
  });

  test('given a programme with no target, introductions, grants or forecasts, then those figures are not applicable', () => {
    const base = iepFacts();
    const facts = iepFacts({
      programme: { ...base.programme, targets: {} },
      introductions: [],
      grants: [],
      forecasts: [],
    });
    const report = buildImpactReport(facts, options);
    expect(report.partnerships.target).toEqual({ value: null, display: 'n/a' });
    expect(report.partnerships.percentOfTarget.display).toBe('n/a');
    expect(report.partnerships.conversionRate.display).toBe('n/a');
    expect(report.leverage.display).toBe('n/a');
    expect(report.forecast).toMatchObject({ total: { pence: 0, display: '£0' }, horizonDisplay: 'n/a' });
  });

  test('given the report, then it survives JSON unchanged and every amount is whole pence', () => {
    const report = buildImpactReport(iepFacts(), options);
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
    const amounts = [report.grants.awarded, report.grants.paid, report.income.total, report.forecast.total];
    expect(amounts.every(({ pence }) => Number.isSafeInteger(pence))).toBe(true);
  });

  test('given the same facts and position twice, then the JSON is byte-identical, dated by the ledger, with a stable key order', () => {
    const first = JSON.stringify(buildImpactReport(iepFacts(), options));
    const again = JSON.stringify(buildImpactReport(iepFacts(), options));

    expect(again).toBe(first);
    const report = JSON.parse(first) as Record<string, unknown>;
    expect(Object.keys(report).slice(0, 7)).toEqual([
      'report',
      'schemaVersion',
      'programme',
      'ledgerPosition',
      'ledgerRecordedAt',
      'seal',
      'correctionsSince',
    ]);
    expect(report).toMatchObject({ schemaVersion: 3, ledgerRecordedAt: '2018-10-15T12:00:00.000Z' });
    expect(report).not.toHaveProperty('generatedAt');
  });

  test('given the seal covering the position, then the report states it after the ledger position; without one, seal is null', () => {
    const seal = {
      sealNumber: 4,
      position: '1002' as Position,
      streamsRoot: 'a'.repeat(64),
      logDigest: 'b'.repeat(64),
      sealEventId: 'seal-event-4',
      sealHash: 'c'.repeat(64),
    };

    expect(buildImpactReport(iepFacts(), { ...options, seal }).seal).toEqual(seal);
    expect(buildImpactReport(iepFacts(), options).seal).toBeNull();
  });
});
