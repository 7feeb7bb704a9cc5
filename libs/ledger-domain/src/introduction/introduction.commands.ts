import type { DomainCommand } from '../shared/decider.js';
import type { InnovatorState } from '../innovator/innovator.state.js';
import type { PartnerState } from '../partner/partner.state.js';
import type { ProgrammeState } from '../programme/programme.state.js';
import type { IsoDate } from '../shared/dates.js';
import type { IntroductionClosed, IntroductionMade } from './introduction.events.js';

/** Decided against the programme (dates), the innovator (enrolled in it) and the partner (registered). */
export type MakeIntroduction = DomainCommand<
  'MakeIntroduction',
  IntroductionMade['data'] & { programme: ProgrammeState; innovator: InnovatorState; partner: PartnerState }
>;
export type CloseIntroduction = DomainCommand<'CloseIntroduction', IntroductionClosed['data']>;
/**
 * Issued by the application with ConfirmPartnership. `previousPartnershipVoided` is true when the
 * introduction was converted into a partnership that was later voided, which re-opens it.
 */
export type ConvertIntroduction = DomainCommand<
  'ConvertIntroduction',
  {
    introductionId: string;
    partnershipId: string;
    innovatorId: string;
    partnerId: string;
    convertedOn: IsoDate;
    previousPartnershipVoided: boolean;
  }
>;
export type VoidIntroduction = DomainCommand<'VoidIntroduction', { introductionId: string; reason: string }>;

export type IntroductionCommand =
  MakeIntroduction | CloseIntroduction | ConvertIntroduction | VoidIntroduction;
