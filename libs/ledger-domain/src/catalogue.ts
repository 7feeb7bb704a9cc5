import type { GrantEvent } from './grant/grant.events.js';
import type { InnovatorEvent } from './innovator/innovator.events.js';
import type { IntroductionEvent } from './introduction/introduction.events.js';
import type { PartnerEvent } from './partner/partner.events.js';
import type { PartnershipEvent } from './partnership/partnership.events.js';
import type { PersonEvent } from './person/person.events.js';
import type { ProgrammeEvent } from './programme/programme.events.js';
import type { ProjectEvent } from './project/project.events.js';

export type LedgerEvent =
  | ProgrammeEvent
  | InnovatorEvent
  | PartnerEvent
  | GrantEvent
  | IntroductionEvent
  | PartnershipEvent
  | ProjectEvent
  | PersonEvent;

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
  'person',
  'seal',
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
  PartnerRegistered: 2,
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
  PersonalDataErased: 1,
};

export const EVENT_TYPES = Object.keys(SCHEMA_VERSIONS) as readonly LedgerEventType[];

/**
 * The ledger's seal (SPEC §6 Verify, `@ledger/audit`): an event about the log itself, not about the
 * programme. No decider emits it and no projection reads it, so it stays out of EVENT_TYPES; every
 * seal goes to the one stream `seal-ledger`, whose revision numbers them (seal n is revision n - 1).
 */
export const LEDGER_SEALED = { type: 'LedgerSealed', schemaVersion: 1, stream: 'seal-ledger' } as const;

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
