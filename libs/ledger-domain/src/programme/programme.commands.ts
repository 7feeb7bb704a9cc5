import type { DomainCommand } from '../shared/decider.js';
import type { ProgrammeLaunched, TargetMetric } from './programme.events.js';
import type { IsoDate } from '../shared/dates.js';
import type { Pence } from '../shared/money.js';

export type LaunchProgramme = DomainCommand<'LaunchProgramme', ProgrammeLaunched['data']>;
export type SetProgrammeTarget = DomainCommand<
  'SetProgrammeTarget',
  { programmeId: string; metric: TargetMetric; value: number }
>;
export type CloseProgramme = DomainCommand<'CloseProgramme', { programmeId: string; closedOn: IsoDate }>;
/** Issued by the application alongside AwardGrant / CorrectGrantAmount, never from the API directly. */
export type CommitGrantFunds = DomainCommand<
  'CommitGrantFunds',
  { programmeId: string; grantId: string; amount: Pence }
>;
export type ReleaseGrantFunds = DomainCommand<
  'ReleaseGrantFunds',
  { programmeId: string; grantId: string; amount: Pence; reason: string }
>;

/** Raises the grant budget to `to` pence; `to` rather than an increment, so a retry cannot raise twice. */
export type RaiseGrantBudget = DomainCommand<
  'RaiseGrantBudget',
  { programmeId: string; to: Pence; reason: string }
>;

export type ProgrammeCommand =
  | LaunchProgramme
  | SetProgrammeTarget
  | CloseProgramme
  | CommitGrantFunds
  | ReleaseGrantFunds
  | RaiseGrantBudget;
