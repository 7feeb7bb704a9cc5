import type { IsoDate } from '../shared/dates.js';
import { ruleBroken } from '../shared/errors.js';
import { type Existing, requireExisting } from '../shared/guards.js';
import type { Pence } from '../shared/money.js';
import type { ProgrammeFacts, ProgrammeState } from './programme.state.js';

export type RunningProgramme = Extract<ProgrammeState, { readonly status: 'running' }>;

/** The programme a command is decided against must exist (PROGRAMME.NOT_FOUND). */
export function requireProgramme(programme: ProgrammeState): Existing<ProgrammeState> {
  return requireExisting(programme, 'PROGRAMME.NOT_FOUND', 'The programme');
}

/** The programme must exist and be running (PROGRAMME.NOT_FOUND, PROGRAMME.NOT_RUNNING). */
export function requireRunningProgramme(programme: ProgrammeState): RunningProgramme {
  const existing = requireProgramme(programme);
  if (existing.status !== 'running') {
    throw ruleBroken('PROGRAMME.NOT_RUNNING', `Programme ${existing.programmeId} is ${existing.status}`, {
      programmeId: existing.programmeId,
      status: existing.status,
    });
  }
  return existing;
}

/** Live awards never exceed the grant budget: GRANT.BUDGET_EXCEEDED when `requested` more would. */
export function assertFundsAvailable(programme: ProgrammeFacts, requested: Pence): void {
  const { grantBudget: budget, committedTotal: committed } = programme;
  if (committed + requested > budget) {
    throw ruleBroken(
      'GRANT.BUDGET_EXCEEDED',
      `Programme ${programme.programmeId} has ${budget - committed} pence uncommitted, ${requested} requested`,
      { budget, committed, requested },
    );
  }
}

/**
 * Nothing happens in a programme before it starts: an enrolment, award, withdrawal, project or close
 * dated earlier is DATE.BEFORE_PROGRAMME_START (ADR 0019).
 */
export function assertNotBeforeStart(programme: ProgrammeFacts, date: IsoDate, field: string): void {
  if (date < programme.startDate) {
    throw ruleBroken(
      'DATE.BEFORE_PROGRAMME_START',
      `${field} ${date} is before programme ${programme.programmeId} started on ${programme.startDate}`,
      { field, date, startDate: programme.startDate },
    );
  }
}
