import type { LedgerEvent, LedgerEventType } from '@ledger/ledger-domain';

type DataOf<T extends LedgerEventType> = Extract<LedgerEvent, { type: T }>['data'];

/** The fields of an event a read model could key rows by: its ids, and a forecast's as-of date. */
type KeyFields<T extends LedgerEventType> = Extract<keyof DataOf<T>, `${string}Id` | 'asOf'>;

/**
 * How far a value is unique (ADR 0017):
 * - `stream`: the id in the event's own stream name (`grant-<grantId>`): unique in the whole ledger;
 * - `reference`: another stream's own id: unique in the whole ledger, and names that entity;
 * - `local`: unique within the event's stream at most, as its decider enforces; another stream may
 *   hold the same value, so a read model keys it together with the stream's id;
 * - `external`: given from outside (a 360Giving org-id): unique nowhere, never a key.
 */
export type Identity = 'stream' | 'reference' | 'local' | 'external';

/**
 * Every key field of every event type with how far it is unique. The type makes it exhaustive: a
 * new event type, or a new `…Id` field, does not compile until it is classified here, and a new
 * `local` field fails the shared-local-ids spec until its ledger makes two streams share it.
 */
export const EVENT_IDENTITIES: {
  readonly [T in LedgerEventType]: { readonly [F in KeyFields<T>]-?: Identity };
} = {
  ProgrammeLaunched: { programmeId: 'stream' },
  ProgrammeTargetSet: { programmeId: 'stream' },
  ProgrammeClosed: { programmeId: 'stream' },
  GrantFundsCommitted: { programmeId: 'stream', grantId: 'reference' },
  GrantFundsReleased: { programmeId: 'stream', grantId: 'reference' },
  GrantBudgetRaised: { programmeId: 'stream' },
  InnovatorEnrolled: { innovatorId: 'stream', programmeId: 'reference', orgId: 'external' },
  InnovatorWithdrawn: { innovatorId: 'stream' },
  // INCOME.DUPLICATE: the innovator decider refuses an income id its own stream already holds.
  IncomeReported: { innovatorId: 'stream', incomeId: 'local' },
  // No decider refuses a repeat at all: a second forecast of one date restates the first.
  RevenueForecastRecorded: { innovatorId: 'stream', asOf: 'local' },
  PartnerRegistered: { partnerId: 'stream' },
  GrantAwarded: { grantId: 'stream', programmeId: 'reference', innovatorId: 'reference' },
  // GRANT.DUPLICATE_PAYMENT: the grant decider refuses a payment id its own stream already holds.
  GrantPaymentMade: { grantId: 'stream', paymentId: 'local' },
  GrantAmountCorrected: { grantId: 'stream' },
  GrantRevoked: { grantId: 'stream' },
  GrantAwardVoided: { grantId: 'stream' },
  IntroductionMade: {
    introductionId: 'stream',
    programmeId: 'reference',
    innovatorId: 'reference',
    partnerId: 'reference',
  },
  IntroductionClosed: { introductionId: 'stream' },
  IntroductionConverted: { introductionId: 'stream', partnershipId: 'reference' },
  IntroductionVoided: { introductionId: 'stream' },
  PartnershipConfirmed: {
    partnershipId: 'stream',
    introductionId: 'reference',
    programmeId: 'reference',
    innovatorId: 'reference',
    partnerId: 'reference',
  },
  PartnershipEnded: { partnershipId: 'stream' },
  PartnershipVoided: { partnershipId: 'stream' },
  CollaborativeProjectStarted: { projectId: 'stream', programmeId: 'reference' },
  PersonalDataErased: { personId: 'stream' },
};

/** `{ type: 'IncomeReported', field: 'incomeId' }`, …: every field unique within its stream only. */
export function localIdentities(): { readonly type: LedgerEventType; readonly field: string }[] {
  return Object.entries(EVENT_IDENTITIES).flatMap(([type, fields]) =>
    Object.entries(fields as Record<string, Identity>)
      .filter(([, identity]) => identity === 'local')
      .map(([field]) => ({ type: type as LedgerEventType, field })),
  );
}
