import { PARTNERSHIP_KINDS } from '@ledger/ledger-domain';
import { awardBody, enrolBody, launchBody } from '../iep-fixtures.js';
import type { TestLedger } from '../test-ledger.js';
import type { Body, World } from './command-bodies.js';

/**
 * Records, as an admin, the ledger every hostile request is sent against: a programme, two
 * innovators, a partner with a contact person, a grant with a payment, an introduction and a
 * partnership. Answers the ids.
 */
export async function recordHostileWorld(ledger: TestLedger): Promise<World> {
  const admin: [string, string] = ['Authorization', `Bearer ${ledger.tokens.admin}`];
  const world: World = {
    programmeId: 'hostile-programme',
    innovatorId: 'hostile-innovator',
    otherInnovatorId: 'hostile-innovator-2',
    grantId: 'hostile-grant',
    partnerId: 'hostile-partner',
    personId: 'hostile-contact',
    introductionId: 'hostile-introduction',
    partnershipId: 'hostile-partnership',
  };
  const record = async (path: string, body: Body): Promise<void> => {
    await ledger.http
      .post(path)
      .set(...admin)
      .send(body)
      .expect(201);
  };
  await record('/programmes', launchBody(world.programmeId));
  await record(`/programmes/${world.programmeId}/innovators`, enrolBody(world.innovatorId));
  await record(`/programmes/${world.programmeId}/innovators`, enrolBody(world.otherInnovatorId));
  await record('/partners', {
    partnerId: world.partnerId,
    name: 'Harbourside Bank (illustrative)',
    sector: 'business',
    contactPerson: { personId: world.personId, name: 'Pat Example', email: 'pat@example.org' },
  });
  await record('/grants', awardBody(world.programmeId, world.innovatorId, world.grantId));
  await record(`/grants/${world.grantId}/payments`, { amountPence: 1000, paidOn: '2017-09-02' });
  await record('/introductions', {
    introductionId: world.introductionId,
    programmeId: world.programmeId,
    innovatorId: world.innovatorId,
    partnerId: world.partnerId,
    madeBy: 'Nesta programme team',
    madeOn: '2017-10-12',
    channel: 'event',
  });
  await record('/partnerships', {
    partnershipId: world.partnershipId,
    introductionId: world.introductionId,
    innovatorId: world.innovatorId,
    partnerId: world.partnerId,
    kind: PARTNERSHIP_KINDS[0],
    confirmedOn: '2018-01-20',
  });
  return world;
}
