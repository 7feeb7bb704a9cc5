import { describe, expect, it } from '@jest/globals';
import type { DemoInputs, DemoKind, DemoStep } from './demo-step.js';
import { IEP_DATES } from './iep-facts.js';
import { iepProgramme } from './iep-programme.js';

const inputsOf = <K extends DemoKind>(steps: readonly DemoStep[], kind: K): DemoInputs[K][] =>
  steps.filter((step) => step.kind === kind).map((step) => step.input as DemoInputs[K]);
const sum = (amounts: readonly number[]): number => amounts.reduce((a, b) => a + b, 0);

describe.each([{ seed: undefined }, { seed: 42 }])('the IEP demo generator (seed $seed)', ({ seed }) => {
  const steps = iepProgramme(seed);

  it('given a seed, when the generator runs twice, then it returns the same commands', () => {
    expect(iepProgramme(seed)).toEqual(steps);
  });

  it('given any seed, when generated, then the published totals hold exactly', () => {
    expect(sum(inputsOf(steps, 'ReportIncome').map((i) => i.amount))).toBe(65_000_000);
    expect(sum(inputsOf(steps, 'RecordRevenueForecast').map((f) => f.amount))).toBe(320_000_000);
    expect(sum(inputsOf(steps, 'RecordGrantPayment').map((p) => p.amount))).toBe(36_000_000);
    expect(inputsOf(steps, 'MakeIntroduction')).toHaveLength(231);
    expect(inputsOf(steps, 'ConfirmPartnership')).toHaveLength(101);
  });

  it('given the partnerships, when checked, then each comes from a distinct earlier introduction with the same pair', () => {
    const introductions = new Map(inputsOf(steps, 'MakeIntroduction').map((i) => [i.introductionId, i]));
    const partnerships = inputsOf(steps, 'ConfirmPartnership');
    expect(new Set(partnerships.map((p) => p.introductionId)).size).toBe(partnerships.length);
    for (const partnership of partnerships) {
      const introduction = introductions.get(partnership.introductionId);
      expect(introduction).toMatchObject({
        innovatorId: partnership.innovatorId,
        partnerId: partnership.partnerId,
      });
      expect(partnership.confirmedOn > (introduction?.madeOn ?? '')).toBe(true);
      expect(partnership.confirmedOn <= IEP_DATES.end).toBe(true);
    }
  });

  it('given the introductions, when checked, then they fall in 2017-09..2018-03 and name illustrative parties', () => {
    const madeOn = inputsOf(steps, 'MakeIntroduction').map((i) => i.madeOn);
    expect(madeOn.every((date) => date >= '2017-09-01' && date <= '2018-03-31')).toBe(true);
    expect(inputsOf(steps, 'EnrolInnovator').every((i) => i.name.startsWith('Illustrative Innovator'))).toBe(
      true,
    );
    expect(inputsOf(steps, 'RegisterPartner').every((p) => p.name.startsWith('Illustrative Partner'))).toBe(
      true,
    );
  });

  it('given the steps, when checked, then only corrections and voids are sent by the admin', () => {
    const byAdmin = steps.filter((step) => step.by === 'admin').map((step) => step.kind);
    expect(byAdmin.sort()).toEqual(['CorrectGrantAmount', 'VoidIntroduction', 'VoidPartnership']);
  });
});
