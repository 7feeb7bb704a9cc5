import { CURRENCY, dateOf, type IsoDate, type Organisation, pence } from '@ledger/ledger-domain';
import type {
  AwardGrantInput,
  EnrolInnovatorInput,
  LaunchProgrammeInput,
  RaiseGrantBudgetInput,
} from '@ledger/ledger-application';
import { type CheckedGrant, checkGrant } from './check-grant.js';
import type { InvalidGrant } from './grant-problem.js';
import { importCommandId, innovatorIdFor, programmeIdFor } from './import-ids.js';

/** The input of each command an import sends, by the command's name. */
export interface ImportInputs {
  LaunchProgramme: LaunchProgrammeInput;
  RaiseGrantBudget: RaiseGrantBudgetInput;
  EnrolInnovator: EnrolInnovatorInput;
  AwardGrant: AwardGrantInput;
}
export type ImportCommandKind = keyof ImportInputs;

/** One command as plain data, with its deterministic command id. */
export type PlannedCommand<K extends ImportCommandKind = ImportCommandKind> = {
  [P in K]: { readonly kind: P; readonly commandId: string; readonly input: ImportInputs[P] };
}[K];

export interface PlannedAward {
  /** The grant's place in the file, counting from 1. */
  readonly position: number;
  readonly command: PlannedCommand<'AwardGrant'>;
}

/** One programme of the file: launched with the sum of its grants, its recipients enrolled, its grants awarded. */
export interface ProgrammePlan {
  readonly programmeId: string;
  readonly launch: PlannedCommand<'LaunchProgramme'>;
  readonly enrolments: readonly PlannedCommand<'EnrolInnovator'>[];
  /** By award date, then file order, so the log tells the programme's story in order. */
  readonly awards: readonly PlannedAward[];
}

export interface ImportPlan {
  /** How many grants the file holds. */
  readonly read: number;
  readonly invalid: readonly InvalidGrant[];
  readonly programmes: readonly ProgrammePlan[];
}

/**
 * Turns the grants of a 360Giving file into the ledger commands that load them: a programme per
 * funder and grant programme, an innovator per recipient and programme, an award per grant. Grants
 * that break a rule are listed with their problems; the valid ones are planned. Pure: the same grants
 * and day give the same plan, with the same command ids.
 *
 * @example
 * const plan = planImport(file.grants, { now: new Date().toISOString() });
 */
export function planImport(grants: readonly unknown[], options: { readonly now: string }): ImportPlan {
  const context = { today: dateOf(options.now), idCounts: countIds(grants) };
  const invalid: InvalidGrant[] = [];
  const byProgramme = new Map<string, CheckedGrant[]>();
  grants.forEach((raw, index) => {
    const result = checkGrant(raw, index + 1, context);
    if ('invalid' in result) return void invalid.push(result.invalid);
    const programmeId = programmeIdFor(result.grant.funder.orgId, programmeKeyOf(result.grant));
    byProgramme.set(programmeId, [...(byProgramme.get(programmeId) ?? []), result.grant]);
  });
  const programmes = [...byProgramme].map(([programmeId, checked]) => planProgramme(programmeId, checked));
  return { read: grants.length, invalid, programmes };
}

function countIds(grants: readonly unknown[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const grant of grants) {
    const id = typeof grant === 'object' && grant !== null ? (grant as { id?: unknown }).id : undefined;
    if (typeof id === 'string' && id.trim() !== '') counts.set(id.trim(), (counts.get(id.trim()) ?? 0) + 1);
  }
  return counts;
}

/** A grant programme is named by its code, or its title when it has no code. */
function programmeKeyOf({ programme }: CheckedGrant): string | undefined {
  return programme.code ?? programme.title;
}

function planProgramme(programmeId: string, unordered: readonly CheckedGrant[]): ProgrammePlan {
  const grants = [...unordered].sort(
    (a, b) => a.awardedOn.localeCompare(b.awardedOn) || a.position - b.position,
  );
  const [first] = grants;
  if (!first) throw new Error(`Programme ${programmeId} has no grants to plan`);
  const name = programmeName(grants, first.funder);
  const areaOf = (grant: CheckedGrant): string => grant.programme.title ?? name;
  const launch: LaunchProgrammeInput = {
    ...{ programmeId, name, funder: first.funder, deliveryPartner: first.funder },
    challengeAreas: [...new Set(grants.map(areaOf))].sort(),
    ...{ startDate: first.awardedOn, endDate: latest(grants) },
    grantBudget: pence(grants.reduce((sum, grant) => sum + grant.amount, 0)),
    ...{ currency: CURRENCY, targets: {} },
  };
  return {
    programmeId,
    launch: { kind: 'LaunchProgramme', commandId: importCommandId('launch', programmeId), input: launch },
    enrolments: planEnrolments(programmeId, grants, areaOf),
    awards: grants.map((grant) => ({ position: grant.position, command: planAward(programmeId, grant) })),
  };
}

/** The title when the programme's grants share one, else the code; "Grants of <funder>" with neither. */
function programmeName(grants: readonly CheckedGrant[], funder: Organisation): string {
  const titles = new Set(grants.map((grant) => grant.programme.title));
  const [onlyTitle] = titles;
  if (titles.size === 1 && onlyTitle !== undefined) return onlyTitle;
  const [first] = grants;
  return first?.programme.code ?? first?.programme.title ?? `Grants of ${funder.name}`;
}

function latest(grants: readonly CheckedGrant[]): IsoDate {
  return grants.reduce((max, grant) => (grant.awardedOn > max ? grant.awardedOn : max), '');
}

/** Each recipient once, as of its first grant in the programme (name, challenge area, date). */
function planEnrolments(
  programmeId: string,
  grants: readonly CheckedGrant[],
  areaOf: (grant: CheckedGrant) => string,
): PlannedCommand<'EnrolInnovator'>[] {
  const enrolments = new Map<string, PlannedCommand<'EnrolInnovator'>>();
  for (const grant of grants) {
    const innovatorId = innovatorIdFor(programmeId, grant.recipient);
    if (enrolments.has(innovatorId)) continue;
    const { recipient } = grant;
    const identity =
      recipient.kind === 'organisation'
        ? { name: recipient.name, orgId: recipient.orgId }
        : { name: INDIVIDUAL_NAME, registrationNumber: recipient.id };
    const input = {
      ...{ innovatorId, programmeId, ...identity },
      ...{ challengeArea: areaOf(grant), enrolledOn: grant.awardedOn },
    };
    const commandId = importCommandId('enrol', innovatorId);
    enrolments.set(innovatorId, { kind: 'EnrolInnovator', commandId, input });
  }
  return [...enrolments.values()];
}

/** What the ledger calls a person who received a grant: never their name (SPEC §6, personal data). */
export const INDIVIDUAL_NAME = 'Individual recipient';

function planAward(programmeId: string, grant: CheckedGrant): PlannedCommand<'AwardGrant'> {
  const input: AwardGrantInput = {
    ...{ grantId: grant.id, programmeId, innovatorId: innovatorIdFor(programmeId, grant.recipient) },
    ...{ amount: grant.amount, currency: CURRENCY, fundingOrganisation: grant.funder },
    ...{ awardedOn: grant.awardedOn, title: grant.title, purpose: grant.description },
  };
  return { kind: 'AwardGrant', commandId: importCommandId('award', grant.funder.orgId, grant.id), input };
}
