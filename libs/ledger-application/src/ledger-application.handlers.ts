import { AwardGrantHandler } from './award-grant/award-grant.handler.js';
import { CloseIntroductionHandler } from './close-introduction/close-introduction.handler.js';
import { CloseProgrammeHandler } from './close-programme/close-programme.handler.js';
import { ConfirmPartnershipHandler } from './confirm-partnership/confirm-partnership.handler.js';
import { CorrectGrantAmountHandler } from './correct-grant-amount/correct-grant-amount.handler.js';
import { EndPartnershipHandler } from './end-partnership/end-partnership.handler.js';
import { EnrolInnovatorHandler } from './enrol-innovator/enrol-innovator.handler.js';
import { ForgetPersonHandler } from './forget-person/forget-person.handler.js';
import { LaunchProgrammeHandler } from './launch-programme/launch-programme.handler.js';
import { MakeIntroductionHandler } from './make-introduction/make-introduction.handler.js';
import { RaiseGrantBudgetHandler } from './raise-grant-budget/raise-grant-budget.handler.js';
import { RecordGrantPaymentHandler } from './record-grant-payment/record-grant-payment.handler.js';
import { RecordRevenueForecastHandler } from './record-revenue-forecast/record-revenue-forecast.handler.js';
import { RegisterPartnerHandler } from './register-partner/register-partner.handler.js';
import { ReportIncomeHandler } from './report-income/report-income.handler.js';
import { RevokeGrantHandler } from './revoke-grant/revoke-grant.handler.js';
import { SetProgrammeTargetHandler } from './set-programme-target/set-programme-target.handler.js';
import { StartCollaborativeProjectHandler } from './start-collaborative-project/start-collaborative-project.handler.js';
import { VoidGrantAwardHandler } from './void-grant-award/void-grant-award.handler.js';
import { VoidIntroductionHandler } from './void-introduction/void-introduction.handler.js';
import { VoidPartnershipHandler } from './void-partnership/void-partnership.handler.js';
import { WithdrawInnovatorHandler } from './withdraw-innovator/withdraw-innovator.handler.js';
import { GetStreamEventsHandler } from './get-stream-events/get-stream-events.handler.js';

/** Every command handler of the ledger, for a module's providers. */
export const COMMAND_HANDLERS = [
  AwardGrantHandler,
  CloseIntroductionHandler,
  CloseProgrammeHandler,
  ConfirmPartnershipHandler,
  CorrectGrantAmountHandler,
  EndPartnershipHandler,
  EnrolInnovatorHandler,
  LaunchProgrammeHandler,
  MakeIntroductionHandler,
  RaiseGrantBudgetHandler,
  RecordGrantPaymentHandler,
  RecordRevenueForecastHandler,
  RegisterPartnerHandler,
  ReportIncomeHandler,
  RevokeGrantHandler,
  SetProgrammeTargetHandler,
  StartCollaborativeProjectHandler,
  VoidGrantAwardHandler,
  VoidIntroductionHandler,
  VoidPartnershipHandler,
  WithdrawInnovatorHandler,
];

/**
 * Handlers that need the key store (PERSONAL_KEY_STORE) besides the event store: registered by the
 * processes that provide one (the api, `forget-person`), not by every command bus.
 */
export const PERSONAL_DATA_HANDLERS = [ForgetPersonHandler];

export const QUERY_HANDLERS = [GetStreamEventsHandler];
