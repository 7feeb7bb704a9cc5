import { describe, expect, it } from '@jest/globals';
import { planImport } from './import-plan.js';

const NOW = '2025-06-30T12:00:00.000Z';
const ABCT = { id: 'GB-CHC-1000147', name: 'A B Charitable Trust' };
const OTHER = { id: 'GB-CHC-2000000', name: 'Another Trust' };

function grant(n: number, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: `360G-T-${n}`,
    title: `Grant ${n}`,
    description: `Purpose ${n}`,
    currency: 'GBP',
    amountAwarded: 1000 + n / 100,
    awardDate: `2020-01-${String(10 + n).padStart(2, '0')}`,
    recipientOrganization: [{ id: `GB-CHC-${900 + (n % 2)}`, name: `Charity ${900 + (n % 2)}` }],
    fundingOrganization: [ABCT],
    grantProgramme: [{ code: 'Open Programme', title: n % 2 ? 'Migrants' : 'Justice' }],
    ...overrides,
  };
}

describe('planImport', () => {
  it('given grants of one funder and programme code, when planned, then one programme with their exact total as budget and their first and last award dates', () => {
    const plan = planImport([grant(3), grant(1), grant(2)], { now: NOW });

    expect(plan).toMatchObject({ read: 3, invalid: [] });
    expect(plan.programmes).toHaveLength(1);
    expect(plan.programmes[0]?.launch.input).toEqual({
      programmeId: 'GB-CHC-1000147:open-programme',
      name: 'Open Programme',
      funder: { name: 'A B Charitable Trust', orgId: 'GB-CHC-1000147' },
      deliveryPartner: { name: 'A B Charitable Trust', orgId: 'GB-CHC-1000147' },
      challengeAreas: ['Justice', 'Migrants'],
      startDate: '2020-01-11',
      endDate: '2020-01-13',
      grantBudget: 300_006,
      currency: 'GBP',
      targets: {},
    });
  });

  it('given two grants to one recipient, when planned, then it is enrolled once, as of its first grant, without a name for an individual', () => {
    const individual = {
      recipientOrganization: undefined,
      recipientIndividual: { id: '360G-T-IND-1', name: 'J Roe' },
    };
    const plan = planImport([grant(3), grant(1), grant(4, individual)], { now: NOW });

    expect(plan.programmes[0]?.enrolments.map((e) => e.input)).toEqual([
      {
        innovatorId: 'GB-CHC-1000147:open-programme:GB-CHC-901',
        programmeId: 'GB-CHC-1000147:open-programme',
        name: 'Charity 901',
        orgId: 'GB-CHC-901',
        challengeArea: 'Migrants',
        enrolledOn: '2020-01-11',
      },
      {
        innovatorId: 'GB-CHC-1000147:open-programme:individual:360G-T-IND-1',
        programmeId: 'GB-CHC-1000147:open-programme',
        name: 'Individual recipient',
        registrationNumber: '360G-T-IND-1',
        challengeArea: 'Justice',
        enrolledOn: '2020-01-14',
      },
    ]);
  });

  it('given grants in any order, when planned, then they are awarded by award date, keeping their ids, exact pence and file positions', () => {
    const plan = planImport([grant(3), grant(1), grant(2)], { now: NOW });

    expect(
      plan.programmes[0]?.awards.map((a) => [a.position, a.command.input.grantId, a.command.input.amount]),
    ).toEqual([
      [2, '360G-T-1', 100_001],
      [3, '360G-T-2', 100_002],
      [1, '360G-T-3', 100_003],
    ]);
    expect(plan.programmes[0]?.awards[0]?.command.input).toMatchObject({
      innovatorId: 'GB-CHC-1000147:open-programme:GB-CHC-901',
      fundingOrganisation: { name: 'A B Charitable Trust', orgId: 'GB-CHC-1000147' },
      title: 'Grant 1',
      purpose: 'Purpose 1',
    });
  });

  it('given a file with two funders, programmes by code, by title only and none, when planned, then a programme for each pair', () => {
    const plan = planImport(
      [
        grant(1),
        grant(2, { fundingOrganization: [OTHER] }),
        grant(3, { grantProgramme: [{ title: 'Small Grants' }] }),
        grant(4, { grantProgramme: undefined }),
      ],
      { now: NOW },
    );

    expect(
      plan.programmes.map((p) => [p.programmeId, p.launch.input.name, p.launch.input.grantBudget]),
    ).toEqual([
      ['GB-CHC-1000147:open-programme', 'Migrants', 100_001],
      ['GB-CHC-2000000:open-programme', 'Justice', 100_002],
      ['GB-CHC-1000147:small-grants', 'Small Grants', 100_003],
      ['GB-CHC-1000147', 'Grants of A B Charitable Trust', 100_004],
    ]);
  });

  it('given an invalid grant, when planned, then it is listed and left out of its programme’s budget', () => {
    const plan = planImport([grant(1), grant(2, { amountAwarded: 0 })], { now: NOW });

    expect(plan.invalid).toEqual([
      {
        id: '360G-T-2',
        position: 2,
        problems: [{ code: 'AMOUNT.ZERO', message: 'amountAwarded "0" is zero: a grant is above zero' }],
      },
    ]);
    expect(plan.programmes[0]?.launch.input.grantBudget).toBe(100_001);
  });

  it('given the same grants planned twice, even on another day, then the command ids are the same', () => {
    const ids = (now: string) =>
      planImport([grant(1), grant(2)], { now }).programmes.flatMap((p) => [
        p.launch.commandId,
        ...p.enrolments.map((e) => e.commandId),
        ...p.awards.map((a) => a.command.commandId),
      ]);

    expect(ids('2030-01-01T00:00:00.000Z')).toEqual(ids(NOW));
    expect(new Set(ids(NOW)).size).toBe(5);
  });
});
