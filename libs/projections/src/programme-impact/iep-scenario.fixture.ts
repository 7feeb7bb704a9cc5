import { pence } from '@ledger/ledger-domain';
import type { GivenEvent } from '@ledger/testing';
import {
  byAdmin,
  CHALLENGE_AREAS,
  forecastRecorded,
  grantAwarded,
  incomeReported,
  innovatorEnrolled,
  introductionMade,
  partnershipConfirmed,
  programmeLaunched,
  projectStarted,
} from './impact-events.fixture.js';

/**
 * The IEP partnership accelerator (SPEC §8) as events, with a few corrections that must not change
 * the published figures: 18 innovators, 18 grants of £20,000 (one corrected up to it, one revoked,
 * a 19th voided), 230 introductions (a 231st voided), 100 partnerships (a 101st voided, one ended),
 * £650,000 of income and £3.2m of forecast revenue (earlier forecasts superseded).
 */
export const IEP_PERIOD = { from: '2017-08-01', to: '2018-09-30' } as const;

const pad = (n: number) => String(n).padStart(3, '0');
const innovatorId = (n: number) => `iep-inn-${pad(1 + (n % 18))}`;
const MONTHS = ['2017-09', '2017-10', '2017-11', '2017-12', '2018-01', '2018-02', '2018-03'];
const dayIn = (n: number) =>
  `${MONTHS[n % MONTHS.length] ?? '2017-09'}-${String(1 + (n % 28)).padStart(2, '0')}`;

function innovatorsAndGrants(): GivenEvent[] {
  const events: GivenEvent[] = [programmeLaunched('iep', 9)];
  for (let n = 0; n < 18; n += 1) {
    events.push(innovatorEnrolled(innovatorId(n), CHALLENGE_AREAS[n % 3]));
    const grantId = `iep-g-${pad(n + 1)}`;
    events.push(grantAwarded(grantId, innovatorId(n), n === 0 ? 200_000 : 2_000_000));
  }
  const correction = { grantId: 'iep-g-001', from: pence(200_000), to: pence(2_000_000), reason: 'Typo' };
  events.push({ type: 'GrantAmountCorrected', data: correction, ...byAdmin('Typo in the amount') });
  for (let n = 0; n < 17; n += 1) {
    events.push(
      payment(`iep-g-${pad(n + 1)}`, 'a', 1_000_000),
      payment(`iep-g-${pad(n + 1)}`, 'b', 1_000_000),
    );
  }
  events.push(payment('iep-g-018', 'a', 1_000_000));
  const revoked = { grantId: 'iep-g-018', revokedOn: '2018-03-01', reason: 'Stopped trading' };
  events.push({ type: 'GrantRevoked', data: revoked, ...byAdmin('Stopped trading') });
  events.push(grantAwarded('iep-g-019', innovatorId(0)));
  const voided = { grantId: 'iep-g-019', reason: 'Entered twice' };
  events.push({ type: 'GrantAwardVoided', data: voided, ...byAdmin('Entered twice') });
  return events;
}

function payment(grantId: string, suffix: string, amount: number): GivenEvent {
  const data = { grantId, paymentId: `${grantId}-${suffix}`, amount: pence(amount), paidOn: '2017-10-01' };
  return { type: 'GrantPaymentMade', data };
}

function network(): GivenEvent[] {
  const events: GivenEvent[] = [];
  for (let n = 0; n < 231; n += 1) {
    events.push(introductionMade(`iep-intro-${pad(n + 1)}`, innovatorId(n), { madeOn: dayIn(n) }));
  }
  events.push({ type: 'IntroductionVoided', data: { introductionId: 'iep-intro-231', reason: 'Duplicate' } });
  for (let n = 0; n < 101; n += 1) {
    const [partnershipId, introductionId] = [`iep-p-${pad(n + 1)}`, `iep-intro-${pad(n + 1)}`];
    const convertedOn = `2018-04-${String(1 + (n % 28)).padStart(2, '0')}`;
    events.push(
      partnershipConfirmed(partnershipId, introductionId, innovatorId(n), { confirmedOn: convertedOn }),
    );
    events.push({ type: 'IntroductionConverted', data: { introductionId, partnershipId, convertedOn } });
  }
  const ended = { partnershipId: 'iep-p-050', endedOn: '2018-08-01', reason: 'Pilot complete' };
  events.push({ type: 'PartnershipEnded', data: ended, ...byAdmin('Pilot complete') });
  const voided = { partnershipId: 'iep-p-101', reason: 'Never agreed' };
  events.push({ type: 'PartnershipVoided', data: voided, ...byAdmin('Never agreed') });
  return events;
}

function outcomes(): GivenEvent[] {
  const events: GivenEvent[] = [];
  for (let n = 0; n < 18; n += 1) {
    const id = innovatorId(n);
    events.push(
      incomeReported(`${id}-earned`, id, 2_000_000, { source: 'earned', attributable: n % 2 === 0 }),
    );
    events.push(incomeReported(`${id}-grant`, id, 1_000_000, { source: 'grant' }));
    if (n < 11) events.push(incomeReported(`${id}-investment`, id, 1_000_000, { source: 'investment' }));
    events.push(forecastRecorded(id, 10_000_000, '2018-06-30'));
    events.push(forecastRecorded(id, n < 17 ? 17_800_000 : 17_400_000, '2018-09-30'));
  }
  return events;
}

const PROJECT_TITLES = [
  'Supporting young people into sustainable employment in the West Midlands',
  'A new framework for mental health reporting',
  'A challenge prize for financial inclusion using open banking',
];

/** The IEP accelerator's events in log order. */
export function iepScenario(): GivenEvent[] {
  const projects = PROJECT_TITLES.map((title, n) => projectStarted(`iep-project-${n + 1}`, title));
  return [...innovatorsAndGrants(), ...network(), ...outcomes(), ...projects];
}
