import type { RecordedEvent } from '@ledger/event-store';
import type { LedgerEvent } from '@ledger/ledger-domain';
import type { Projection } from '../projection.js';
import {
  innovatorEnrolled,
  introductionMade,
  partnershipConfirmed,
  partnershipVoided,
  partnerRegistered,
  type Trx,
} from './introduction-funnel.handlers.js';
import { introductionFunnelBatch } from './introduction-funnel.batch.js';
import { introductionFunnelMigrations } from './introduction-funnel.migrations.js';
import type { FunnelIntroductionStatus, IntroductionFunnelTables } from './introduction-funnel.tables.js';

/**
 * The store holds only events the write side decided, upcast to their current schema when read,
 * so an event's type names the shape of its data.
 */
const asLedgerEvent = (event: RecordedEvent): LedgerEvent =>
  ({ type: event.type, data: event.data }) as LedgerEvent;

/** Moves an introduction on from `from` (any status when absent); other statuses stay as they are. */
async function setStatus(
  trx: Trx,
  introductionId: string,
  to: FunnelIntroductionStatus,
  from?: FunnelIntroductionStatus,
) {
  let update = trx
    .updateTable('funnel_introductions')
    .set({ status: to })
    .where('introduction_id', '=', introductionId);
  if (from !== undefined) update = update.where('status', '=', from);
  await update.execute();
}

async function handle(trx: Trx, event: RecordedEvent): Promise<void> {
  const e = asLedgerEvent(event);
  switch (e.type) {
    case 'PartnerRegistered':
      return partnerRegistered(trx, e.data.partnerId, e.data.sector);
    case 'InnovatorEnrolled':
      return innovatorEnrolled(trx, e.data.innovatorId, e.data.challengeArea);
    case 'IntroductionMade':
      return introductionMade(trx, e.data, event);
    case 'IntroductionClosed':
      return setStatus(trx, e.data.introductionId, 'closed', 'open');
    case 'IntroductionVoided':
      return setStatus(trx, e.data.introductionId, 'voided');
    case 'PartnershipConfirmed':
      return partnershipConfirmed(trx, e.data, event);
    case 'PartnershipVoided':
      return partnershipVoided(trx, e.data.partnershipId, event);
    default:
      return;
  }
}

/**
 * One row per introduction with its innovator's challenge area, its partner's sector and month, and
 * whether (and how fast) it became a partnership (SPEC §4).
 */
export const introductionFunnelProjection: Projection<IntroductionFunnelTables> = {
  name: 'introduction-funnel',
  version: 1,
  eventTypes: [
    'PartnerRegistered',
    'InnovatorEnrolled',
    'IntroductionMade',
    'IntroductionClosed',
    'IntroductionVoided',
    'PartnershipConfirmed',
    'PartnershipVoided',
  ],
  migrations: introductionFunnelMigrations,
  handle,
  sqliteBatch: introductionFunnelBatch,
};
