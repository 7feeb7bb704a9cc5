import { aggregateStream, type EventStore } from '@ledger/event-store';
import {
  formatPounds,
  pence,
  programmeDecider,
  type ProgrammeState,
  streamName,
} from '@ledger/ledger-domain';
import { importCommandId } from './import-ids.js';
import type { PlannedAward, PlannedCommand, ProgrammePlan } from './import-plan.js';
import type { ProgrammeOutcome } from './import-result.js';
import { type ImportSender, KEY_REUSED } from './import-sender.js';

/**
 * Makes the programme ready for the plan's awards. A new programme is launched with the sum of the
 * file's grants as its budget. One the ledger holds (an earlier file of the funder) is left as it is,
 * except that its budget is raised by exactly what the file's new grants need beyond what is still
 * uncommitted; a re-imported file has no new grants, so nothing is sent.
 */
export async function ensureProgramme(
  plan: ProgrammePlan,
  events: EventStore,
  sender: ImportSender,
): Promise<ProgrammeOutcome> {
  const { programmeId, name } = plan.launch.input;
  const existing = await programmeState(events, programmeId);
  if (existing.status === 'none') {
    const sent = await sender.send(plan.launch);
    if ('outcome' in sent) {
      const status = sent.outcome.replayed ? 'unchanged' : 'launched';
      return { programmeId, name, status, grantBudget: plan.launch.input.grantBudget };
    }
    const launchedMeanwhile = ['PROGRAMME.ALREADY_LAUNCHED', KEY_REUSED].includes(sent.refusal.code);
    if (!launchedMeanwhile) return { programmeId, name, status: 'refused', message: sent.refusal.message };
  }
  const state = existing.status === 'none' ? await programmeState(events, programmeId) : existing;
  if (state.status === 'none') throw new Error(`Programme ${programmeId} vanished while importing`);
  return raiseForNewGrants(plan, state, events, sender);
}

async function raiseForNewGrants(
  plan: ProgrammePlan,
  programme: Exclude<ProgrammeState, { status: 'none' }>,
  events: EventStore,
  sender: ImportSender,
): Promise<ProgrammeOutcome> {
  const { programmeId, name } = plan.launch.input;
  const fresh = await newAwards(plan.awards, events);
  const needed = fresh.reduce((sum, award) => sum + award.command.input.amount, 0);
  const shortfall = needed - (programme.grantBudget - programme.committedTotal);
  if (shortfall <= 0) return { programmeId, name, status: 'unchanged', grantBudget: programme.grantBudget };
  const to = pence(programme.grantBudget + shortfall);
  const grantIds = fresh.map((award) => award.command.input.grantId);
  const raise: PlannedCommand<'RaiseGrantBudget'> = {
    kind: 'RaiseGrantBudget',
    commandId: importCommandId('budget', programmeId, String(to), ...grantIds),
    input: {
      programmeId,
      to,
      reason: `360Giving import: ${fresh.length} new grants of ${formatPounds(pence(needed))} need ${formatPounds(pence(shortfall))} more than the budget has uncommitted`,
    },
  };
  const sent = await sender.send(raise);
  if ('refusal' in sent) {
    const message = `its budget could not be raised to ${to} pence: ${sent.refusal.message}`;
    return { programmeId, name, status: 'refused', grantBudget: programme.grantBudget, message };
  }
  return { programmeId, name, status: 'budget-raised', grantBudget: to };
}

async function programmeState(events: EventStore, programmeId: string): Promise<ProgrammeState> {
  return (await aggregateStream(events, streamName('programme', programmeId), programmeDecider)).state;
}

/** The plan's awards whose grant the ledger does not hold yet. */
async function newAwards(awards: readonly PlannedAward[], events: EventStore): Promise<PlannedAward[]> {
  const held = await Promise.all(
    awards.map(async ({ command }) => {
      const stream = streamName('grant', command.input.grantId);
      return (await events.readStream(stream, { maxCount: 1 })).events.length > 0;
    }),
  );
  return awards.filter((_, index) => held[index] !== true);
}
