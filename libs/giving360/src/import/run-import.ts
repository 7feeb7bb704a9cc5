import { type EventStore } from '@ledger/event-store';
import { streamName } from '@ledger/ledger-domain';
import { changedGrantRefusal } from './changed-grant.js';
import { ensureProgramme } from './ensure-programme.js';
import type { PlannedAward, PlannedCommand, ProgrammePlan, ImportPlan } from './import-plan.js';
import type { ImportProgress, ImportResult, ProgrammeOutcome } from './import-result.js';
import { type ExecuteCommand, ImportSender, KEY_REUSED, type Refusal } from './import-sender.js';
import { ImportTally } from './import-tally.js';
import type { ImportRun } from './ledger-commands.js';

/** Where an import reads the ledger's state and sends its commands. */
export interface ImportLedger {
  readonly events: EventStore;
  readonly execute: ExecuteCommand;
}

export interface RunImportOptions extends ImportRun {
  readonly onProgress?: (progress: ImportProgress) => void;
}

/** Enrolments only read their programme, so many go at once; the store commits them together. */
const ENROLMENTS_AT_ONCE = 16;

/**
 * Sends a plan's commands through the command path. Programmes go side by side (they share no
 * stream); within one, the recipients are enrolled several at a time, then the grants are awarded
 * one after another, because every award commits funds on the programme's stream. Each grant ends
 * loaded, already there (its command id replayed) or refused with the ledger's reason.
 *
 * @example
 * const result = await runImport(planImport(file.grants, { now }), { events, execute }, { now, correlationId });
 */
export async function runImport(
  plan: ImportPlan,
  ledger: ImportLedger,
  options: RunImportOptions,
): Promise<ImportResult> {
  const tally = new ImportTally(plan.read, plan.invalid, options.onProgress);
  const sender = new ImportSender(ledger.execute, options);
  const programmes = await Promise.all(
    plan.programmes.map((programme) => importProgramme(programme, ledger.events, sender, tally)),
  );
  return tally.result(programmes, sender.eventsWritten);
}

async function importProgramme(
  plan: ProgrammePlan,
  events: EventStore,
  sender: ImportSender,
  tally: ImportTally,
): Promise<ProgrammeOutcome> {
  const programme = await ensureProgramme(plan, events, sender);
  const notLaunched = programme.status === 'refused' && programme.grantBudget === undefined;
  const launchRefusal = notLaunched
    ? {
        code: 'IMPORT.PROGRAMME_NOT_LAUNCHED',
        message: `programme ${plan.programmeId}: ${programme.message}`,
      }
    : undefined;
  const enrolmentRefusals = launchRefusal ? new Map<string, Refusal>() : await enrolAll(plan, events, sender);
  for (const award of plan.awards) {
    const refusal = launchRefusal ?? enrolmentRefusals.get(award.command.input.innovatorId);
    if (refusal) refuse(award, refusal, tally);
    else await sendAward(award, events, sender, tally);
  }
  return programme;
}

/** Enrols every recipient the ledger does not hold yet; answers the refusals by innovator id. */
async function enrolAll(
  plan: ProgrammePlan,
  events: EventStore,
  sender: ImportSender,
): Promise<Map<string, Refusal>> {
  const refusals = new Map<string, Refusal>();
  await forEachAtOnce(plan.enrolments, ENROLMENTS_AT_ONCE, async (enrolment) => {
    const refusal = await enrol(enrolment, events, sender);
    if (refusal) refusals.set(enrolment.input.innovatorId, refusal);
  });
  return refusals;
}

async function enrol(
  enrolment: PlannedCommand<'EnrolInnovator'>,
  events: EventStore,
  sender: ImportSender,
): Promise<Refusal | undefined> {
  const stream = streamName('innovator', enrolment.input.innovatorId);
  if ((await events.readStream(stream, { maxCount: 1 })).events.length > 0) return undefined;
  const sent = await sender.send(enrolment);
  if (!('refusal' in sent) || ['INNOVATOR.ALREADY_ENROLLED', KEY_REUSED].includes(sent.refusal.code)) {
    return undefined;
  }
  const message = `recipient could not be enrolled as ${enrolment.input.innovatorId}: ${sent.refusal.message}`;
  return { code: sent.refusal.code, message };
}

async function sendAward(
  award: PlannedAward,
  events: EventStore,
  sender: ImportSender,
  tally: ImportTally,
): Promise<void> {
  const sent = await sender.send(award.command);
  if ('outcome' in sent) return sent.outcome.replayed ? tally.grantAlreadyThere() : tally.grantLoaded();
  const refusal =
    sent.refusal.code === KEY_REUSED ? await changedGrantRefusal(events, award.command.input) : sent.refusal;
  refuse(award, refusal, tally);
}

function refuse(award: PlannedAward, refusal: Refusal, tally: ImportTally): void {
  tally.grantRefused({ id: award.command.input.grantId, position: award.position, ...refusal });
}

async function forEachAtOnce<T>(
  items: readonly T[],
  atOnce: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let item = items[next++]; item !== undefined; item = items[next++]) await work(item);
  };
  await Promise.all(Array.from({ length: Math.min(atOnce, items.length) }, worker));
}
