import type { IsoDate } from '@ledger/ledger-domain';
import type {
  AwardGrantInput,
  CloseIntroductionInput,
  ConfirmPartnershipInput,
  CorrectGrantAmountInput,
  EnrolInnovatorInput,
  LaunchProgrammeInput,
  MakeIntroductionInput,
  RecordGrantPaymentInput,
  RecordRevenueForecastInput,
  RegisterPartnerInput,
  ReportIncomeInput,
  StartCollaborativeProjectInput,
  VoidIntroductionInput,
  VoidPartnershipInput,
} from '@ledger/ledger-application';

/** The input of every command the demo sends, by the command's name. */
export interface DemoInputs {
  LaunchProgramme: LaunchProgrammeInput;
  EnrolInnovator: EnrolInnovatorInput;
  RegisterPartner: RegisterPartnerInput;
  AwardGrant: AwardGrantInput;
  CorrectGrantAmount: CorrectGrantAmountInput;
  RecordGrantPayment: RecordGrantPaymentInput;
  MakeIntroduction: MakeIntroductionInput;
  VoidIntroduction: VoidIntroductionInput;
  ConfirmPartnership: ConfirmPartnershipInput;
  VoidPartnership: VoidPartnershipInput;
  CloseIntroduction: CloseIntroductionInput;
  ReportIncome: ReportIncomeInput;
  RecordRevenueForecast: RecordRevenueForecastInput;
  StartCollaborativeProject: StartCollaborativeProjectInput;
}

export type DemoKind = keyof DemoInputs;

/** Who sends a step: corrections and voids need the admin role (SPEC §3), the rest the manager. */
export type DemoSender = 'manager' | 'admin';

/**
 * One command of the demo as plain data, so the generated list can be compared, counted and printed;
 * `load-demo.ts` turns it into the `<Name>Command` the command bus expects.
 */
export type DemoStep<K extends DemoKind = DemoKind> = {
  [P in K]: { readonly kind: P; readonly input: DemoInputs[P]; readonly by: DemoSender };
}[K];

/**
 * A step with the day it would have been recorded on. Sorting by it orders the demo like a real log, so
 * a report "as at position N" shows the programme as it stood part-way through.
 */
export interface DatedStep {
  readonly on: IsoDate;
  readonly step: DemoStep;
}

export function managerStep<K extends DemoKind>(on: IsoDate, kind: K, input: DemoInputs[K]): DatedStep {
  return dated(on, kind, input, 'manager');
}

export function adminStep<K extends DemoKind>(on: IsoDate, kind: K, input: DemoInputs[K]): DatedStep {
  return dated(on, kind, input, 'admin');
}

function dated<K extends DemoKind>(on: IsoDate, kind: K, input: DemoInputs[K], by: DemoSender): DatedStep {
  // TypeScript cannot tell that a generic K's kind and input belong together; the signature ensures it.
  return { on, step: { kind, input, by } as DemoStep };
}

/** The steps in recording order; steps of one day keep the order they were generated in. */
export function inRecordingOrder(steps: readonly DatedStep[]): DemoStep[] {
  return [...steps].sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0)).map(({ step }) => step);
}
