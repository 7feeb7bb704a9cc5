import type {
  EnrolInnovatorInput,
  MakeIntroductionInput,
  RegisterPartnerInput,
} from '@ledger/ledger-application';
import type { IntroductionChannel } from '@ledger/ledger-domain';
import { addDays, dateBetween } from './demo-calendar.js';
import { adminStep, type DatedStep, managerStep } from './demo-step.js';
import { IEP_DATES, IEP_FIGURES, IEP_PROGRAMME_ID } from './iep-facts.js';
import { pad } from './iep-participants.js';
import { itemAt, type SeededRandom } from './seeded-random.js';

/** Repeated entries weight the draw: most introductions were made at the accelerator's events. */
const CHANNELS: readonly IntroductionChannel[] = [
  'event',
  'event',
  'event',
  'one-to-one',
  'one-to-one',
  'online',
];
const MADE_BY = ['Nesta partnerships team', 'Nesta events team'];
const DUPLICATE_NOTICED_AFTER_DAYS = 6;

const introductionId = (number: number): string => `iep-introduction-${pad(number, 3)}`;

/**
 * The live introductions, numbered in the order they were made. Each innovator meets a partner at
 * most once, so every introduction is a distinct pair.
 */
export function iepIntroductions(
  random: SeededRandom,
  innovators: readonly EnrolInnovatorInput[],
  partners: readonly RegisterPartnerInput[],
): MakeIntroductionInput[] {
  const counts = introductionsPerInnovator(random, innovators.length);
  const drafts = innovators.flatMap(({ innovatorId }, i) =>
    random
      .shuffle(partners)
      .slice(0, itemAt(counts, i))
      .map(({ partnerId }) => ({
        programmeId: IEP_PROGRAMME_ID,
        innovatorId,
        partnerId,
        madeBy: random.pick(MADE_BY),
        madeOn: dateBetween(random, IEP_DATES.introductionsFrom, IEP_DATES.introductionsTo),
        channel: random.pick(CHANNELS),
      })),
  );
  drafts.sort((a, b) => (a.madeOn < b.madeOn ? -1 : a.madeOn > b.madeOn ? 1 : 0));
  return drafts.map((draft, i) => ({ introductionId: introductionId(i + 1), ...draft }));
}

/** As even as whole numbers allow: some innovators get one introduction more than the others. */
function introductionsPerInnovator(random: SeededRandom, innovators: number): number[] {
  const base = Math.floor(IEP_FIGURES.introductions / innovators);
  const extra = IEP_FIGURES.introductions % innovators;
  const indexes = Array.from({ length: innovators }, (_, i) => i);
  const oneMore = new Set(random.shuffle(indexes).slice(0, extra));
  return indexes.map((i) => base + (oneMore.has(i) ? 1 : 0));
}

/** Every introduction, plus one entered twice by mistake and voided by an admin as a duplicate. */
export function introductionSteps(
  random: SeededRandom,
  introductions: readonly MakeIntroductionInput[],
): DatedStep[] {
  const original = random.pick(introductions);
  const duplicate = { ...original, introductionId: introductionId(introductions.length + 1) };
  return [
    ...introductions.map((introduction) =>
      managerStep(introduction.madeOn, 'MakeIntroduction', introduction),
    ),
    managerStep(duplicate.madeOn, 'MakeIntroduction', duplicate),
    adminStep(addDays(duplicate.madeOn, DUPLICATE_NOTICED_AFTER_DAYS), 'VoidIntroduction', {
      introductionId: duplicate.introductionId,
      reason: `Duplicate record: the same introduction as ${original.introductionId}, entered twice`,
    }),
  ];
}
