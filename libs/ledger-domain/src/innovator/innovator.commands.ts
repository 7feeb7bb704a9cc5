import type { DomainCommand } from '../shared/decider.js';
import type { ProgrammeState } from '../programme/programme.state.js';
import type {
  IncomeReported,
  InnovatorEnrolled,
  InnovatorWithdrawn,
  RevenueForecastRecorded,
} from './innovator.events.js';

/** Enrolment is decided against the programme it joins, loaded by the application. */
export type EnrolInnovator = DomainCommand<
  'EnrolInnovator',
  InnovatorEnrolled['data'] & { programme: ProgrammeState }
>;
/** A withdrawal is dated against the programme's start as well as the enrolment (ADR 0019). */
export type WithdrawInnovator = DomainCommand<
  'WithdrawInnovator',
  InnovatorWithdrawn['data'] & { programme: ProgrammeState }
>;
export type ReportIncome = DomainCommand<'ReportIncome', IncomeReported['data']>;
export type RecordRevenueForecast = DomainCommand<'RecordRevenueForecast', RevenueForecastRecorded['data']>;

export type InnovatorCommand = EnrolInnovator | WithdrawInnovator | ReportIncome | RecordRevenueForecast;
