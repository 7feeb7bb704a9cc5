import type { GrantEvent } from './grant/grant.events.js';
import type { InnovatorEvent } from './innovator/innovator.events.js';
import type { IntroductionEvent } from './introduction/introduction.events.js';
import type { PartnerEvent } from './partner/partner.events.js';
import type { PartnershipEvent } from './partnership/partnership.events.js';
import type { ProgrammeEvent } from './programme/programme.events.js';
import type { ProjectEvent } from './project/project.events.js';

export type LedgerEvent =
  | ProgrammeEvent
  | InnovatorEvent
  | PartnerEvent
  | GrantEvent
  | IntroductionEvent
  | PartnershipEvent
  | ProjectEvent;

export type LedgerEventType = LedgerEvent['type'];

/** Stream categories: a stream is named `<category>-<id>`. */
export const CATEGORIES = [
  'programme',
  'innovator',
  'partner',
  'grant',
  'introduction',
  'partnership',
  'project',
] as const;
export type Category = (typeof CATEGORIES)[number];

/** The current schema version of every event type. A new shape is a new version plus an upcaster. */
export const SCHEMA_VERSIONS: Readonly<Record<LedgerEventType, number>> = {
  ProgrammeLaunched: 1,
  ProgrammeTargetSet: 1,
  ProgrammeClosed: 1,
  GrantFundsCommitted: 1,
  GrantFundsReleased: 1,
  GrantBudgetRaised: 1,
  InnovatorEnrolled: 1,
  InnovatorWithdrawn: 1,
  IncomeReported: 1,
  RevenueForecastRecorded: 1,
  PartnerRegistered: 1,
  GrantAwarded: 1,
  GrantPaymentMade: 1,
  GrantAmountCorrected: 1,
  GrantRevoked: 1,
  GrantAwardVoided: 1,
  IntroductionMade: 1,
  IntroductionClosed: 1,
  IntroductionConverted: 1,
  IntroductionVoided: 1,
  PartnershipConfirmed: 1,
  PartnershipEnded: 1,
  PartnershipVoided: 1,
  CollaborativeProjectStarted: 1,
};

export const EVENT_TYPES = Object.keys(SCHEMA_VERSIONS) as readonly LedgerEventType[];

/** Ids are what people and other systems (360Giving) use: letters, digits and `._:-`, at most 128. */
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

export function streamName(category: Category, id: string): string {
  return `${category}-${id}`;
}

/** Splits `grant-abc-1` into `{ category: 'grant', id: 'abc-1' }`; undefined for an unknown category. */
export function parseStreamName(stream: string): { category: Category; id: string } | undefined {
  const dash = stream.indexOf('-');
  const category = stream.slice(0, dash) as Category;
  if (dash <= 0 || !CATEGORIES.includes(category)) return undefined;
  return { category, id: stream.slice(dash + 1) };
}
