import type { DomainCommand } from '../shared/decider.js';
import type { InnovatorState } from '../innovator/innovator.state.js';
import type { ProgrammeState } from '../programme/programme.state.js';
import type { IsoDate } from '../shared/dates.js';
import type { Pence } from '../shared/money.js';
import type { GrantAwarded, GrantPaymentMade } from './grant.events.js';

/** An award is decided against its programme (running, budget) and innovator (enrolled in it). */
export type AwardGrant = DomainCommand<
  'AwardGrant',
  GrantAwarded['data'] & { programme: ProgrammeState; innovator: InnovatorState }
>;
export type RecordGrantPayment = DomainCommand<'RecordGrantPayment', GrantPaymentMade['data']>;
/** An upward correction is checked against the programme's budget as well. */
export type CorrectGrantAmount = DomainCommand<
  'CorrectGrantAmount',
  { grantId: string; to: Pence; reason: string; programme: ProgrammeState }
>;
export type RevokeGrant = DomainCommand<
  'RevokeGrant',
  { grantId: string; revokedOn: IsoDate; reason: string }
>;
export type VoidGrantAward = DomainCommand<'VoidGrantAward', { grantId: string; reason: string }>;

export type GrantCommand =
  AwardGrant | RecordGrantPayment | CorrectGrantAmount | RevokeGrant | VoidGrantAward;
