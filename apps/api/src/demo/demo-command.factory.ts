import type { Command } from '@nestjs/cqrs';
import {
  AwardGrantCommand,
  CloseIntroductionCommand,
  type CommandContext,
  type CommandOutcome,
  ConfirmPartnershipCommand,
  CorrectGrantAmountCommand,
  EnrolInnovatorCommand,
  LaunchProgrammeCommand,
  MakeIntroductionCommand,
  RecordGrantPaymentCommand,
  RecordRevenueForecastCommand,
  RegisterPartnerCommand,
  ReportIncomeCommand,
  StartCollaborativeProjectCommand,
  VoidIntroductionCommand,
  VoidPartnershipCommand,
} from '@ledger/ledger-application';
import type { DemoInputs, DemoKind, DemoStep } from './demo-step.js';

type CommandClass<K extends DemoKind> = new (
  input: DemoInputs[K],
  context: CommandContext,
) => Command<CommandOutcome>;

/** The same command classes the HTTP controllers send, so the demo takes the API's command path. */
const COMMAND_CLASSES: { readonly [K in DemoKind]: CommandClass<K> } = {
  LaunchProgramme: LaunchProgrammeCommand,
  EnrolInnovator: EnrolInnovatorCommand,
  RegisterPartner: RegisterPartnerCommand,
  AwardGrant: AwardGrantCommand,
  CorrectGrantAmount: CorrectGrantAmountCommand,
  RecordGrantPayment: RecordGrantPaymentCommand,
  MakeIntroduction: MakeIntroductionCommand,
  VoidIntroduction: VoidIntroductionCommand,
  ConfirmPartnership: ConfirmPartnershipCommand,
  VoidPartnership: VoidPartnershipCommand,
  CloseIntroduction: CloseIntroductionCommand,
  ReportIncome: ReportIncomeCommand,
  RecordRevenueForecast: RecordRevenueForecastCommand,
  StartCollaborativeProject: StartCollaborativeProjectCommand,
};

/** The `<Name>Command` for one demo step, sent with `context`. */
export function toCommand<K extends DemoKind>(
  step: DemoStep<K>,
  context: CommandContext,
): Command<CommandOutcome> {
  const CommandClass: CommandClass<K> = COMMAND_CLASSES[step.kind];
  return new CommandClass(step.input, context);
}
