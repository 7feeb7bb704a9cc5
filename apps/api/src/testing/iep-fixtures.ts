/** Request bodies shaped like the IEP partnership accelerator. Names are illustrative. */
export const DCMS = { name: 'Department for Digital, Culture, Media and Sport', orgId: 'GB-GOR-D5' };
export const NESTA = { name: 'Nesta', orgId: 'GB-CHC-1144091' };
export const CHALLENGE_AREAS = [
  'financial inclusion and capability',
  'transition to work for young people',
  'mental health support',
];

export function launchBody(programmeId: string, grantBudgetPence = 36_000_000) {
  return {
    programmeId,
    name: 'IEP partnership accelerator (illustrative test programme)',
    funder: DCMS,
    deliveryPartner: NESTA,
    challengeAreas: CHALLENGE_AREAS,
    startDate: '2017-08-01',
    endDate: '2018-09-30',
    grantBudgetPence,
    targets: { partnerships: 9 },
  };
}

export function enrolBody(innovatorId: string) {
  return {
    innovatorId,
    name: `Illustrative innovator ${innovatorId}`,
    registrationNumber: `REG-${innovatorId}`,
    challengeArea: CHALLENGE_AREAS[0],
    enrolledOn: '2017-08-01',
  };
}

export function awardBody(
  programmeId: string,
  innovatorId: string,
  grantId: string,
  amountPence = 2_000_000,
) {
  return {
    grantId,
    programmeId,
    innovatorId,
    amountPence,
    fundingOrganisation: DCMS,
    awardedOn: '2017-09-01',
    title: 'IEP partnership accelerator grant',
    purpose: 'Design and start a scaling plan',
  };
}
