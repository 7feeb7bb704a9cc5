import type { DomainCommand } from '../shared/decider.js';
import type { IntroductionState } from '../introduction/introduction.state.js';
import type { ProgrammeState } from '../programme/programme.state.js';
import type { IsoDate } from '../shared/dates.js';
import type { PartnershipKind } from './partnership.events.js';

/** Decided against the introduction it came from and that introduction's programme (dates). */
export type ConfirmPartnership = DomainCommand<
  'ConfirmPartnership',
  {
    partnershipId: string;
    introductionId: string;
    innovatorId: string;
    partnerId: string;
    kind: PartnershipKind;
    confirmedOn: IsoDate;
    introduction: IntroductionState;
    programme: ProgrammeState;
    /** True when the introduction's earlier partnership was voided, which re-opens the introduction. */
    previousPartnershipVoided: boolean;
  }
>;
export type EndPartnership = DomainCommand<
  'EndPartnership',
  { partnershipId: string; endedOn: IsoDate; reason: string }
>;
export type VoidPartnership = DomainCommand<'VoidPartnership', { partnershipId: string; reason: string }>;

export type PartnershipCommand = ConfirmPartnership | EndPartnership | VoidPartnership;
