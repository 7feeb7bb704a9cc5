import type { ConfirmPartnershipInput, MakeIntroductionInput } from '@ledger/ledger-application';
import type { IntroductionOutcome, PartnershipKind } from '@ledger/ledger-domain';
import { addDays, earlier } from './demo-calendar.js';
import { adminStep, type DatedStep, managerStep } from './demo-step.js';
import { IEP_DATES, IEP_FIGURES } from './iep-facts.js';
import { pad } from './iep-participants.js';
import type { SeededRandom } from './seeded-random.js';

/** Repeated entries weight the draw towards the kinds of partnership the accelerator saw most. */
const KINDS: readonly PartnershipKind[] = [
  'delivery',
  'delivery',
  'delivery',
  'distribution',
  'distribution',
  'in-kind',
  'in-kind',
  'pro-bono',
  'pro-bono',
  'funding',
  'other',
];
const OUTCOMES: readonly IntroductionOutcome[] = ['no-fit', 'no-fit', 'lapsed'];
const CONFIRMED_AFTER_DAYS = { min: 14, max: 56 };
const CLOSED_AFTER_DAYS = { min: 30, max: 120 };
const VOIDED_AFTER_DAYS = 21;

/**
 * Partnerships confirmed from distinct introductions (one more than the published 100: it is voided
 * as recorded in error), then some of the other introductions closed; the rest stay open.
 */
export function partnershipSteps(
  random: SeededRandom,
  introductions: readonly MakeIntroductionInput[],
): DatedStep[] {
  const order = random.shuffle(introductions);
  const confirmedCount = IEP_FIGURES.partnerships + 1;
  const partnerships = order.slice(0, confirmedCount).map((introduction) => draft(random, introduction));
  partnerships.sort((a, b) => (a.confirmedOn < b.confirmedOn ? -1 : a.confirmedOn > b.confirmedOn ? 1 : 0));
  const numbered = partnerships.map((p, i) => ({ ...p, partnershipId: `iep-partnership-${pad(i + 1, 3)}` }));
  const mistaken = random.pick(numbered);
  const closed = order.slice(confirmedCount, confirmedCount + IEP_FIGURES.closedIntroductions);
  return [
    ...numbered.map((partnership) => managerStep(partnership.confirmedOn, 'ConfirmPartnership', partnership)),
    adminStep(addDays(mistaken.confirmedOn, VOIDED_AFTER_DAYS), 'VoidPartnership', {
      partnershipId: mistaken.partnershipId,
      reason: 'Recorded in error: the partner agreed to a follow-up meeting, not to a partnership',
    }),
    ...closed.map((introduction) => closure(random, introduction)),
  ];
}

function draft(
  random: SeededRandom,
  introduction: MakeIntroductionInput,
): Omit<ConfirmPartnershipInput, 'partnershipId'> {
  const { introductionId, innovatorId, partnerId, madeOn } = introduction;
  const after = random.int(CONFIRMED_AFTER_DAYS.min, CONFIRMED_AFTER_DAYS.max);
  const confirmedOn = earlier(addDays(madeOn, after), IEP_DATES.end);
  return { introductionId, innovatorId, partnerId, kind: random.pick(KINDS), confirmedOn };
}

function closure(random: SeededRandom, introduction: MakeIntroductionInput): DatedStep {
  const after = random.int(CLOSED_AFTER_DAYS.min, CLOSED_AFTER_DAYS.max);
  const closedOn = earlier(addDays(introduction.madeOn, after), IEP_DATES.end);
  return managerStep(closedOn, 'CloseIntroduction', {
    introductionId: introduction.introductionId,
    outcome: random.pick(OUTCOMES),
    closedOn,
  });
}
