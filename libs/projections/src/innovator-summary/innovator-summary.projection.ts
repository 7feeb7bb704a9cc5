import type { RecordedEvent } from '@ledger/event-store';
import type { LedgerEvent } from '@ledger/ledger-domain';
import type { Projection } from '../projection.js';
import type { Trx } from './innovator-summary.figures.js';
import {
  grantAwarded,
  grantCorrected,
  grantPaid,
  grantRevoked,
  grantVoided,
} from './innovator-summary.grant-handlers.js';
import {
  enrolled,
  forecastRecorded,
  incomeReported,
  withdrawn,
} from './innovator-summary.innovator-handlers.js';
import { innovatorSummaryBatch } from './innovator-summary.batch.js';
import { innovatorSummaryMigrations } from './innovator-summary.migrations.js';
import {
  introductionMade,
  introductionVoided,
  partnershipConfirmed,
  partnershipVoided,
} from './innovator-summary.network-handlers.js';
import type { InnovatorSummaryTables } from './innovator-summary.tables.js';

/**
 * The store holds only events the write side decided, upcast to their current schema when read,
 * so an event's type names the shape of its data.
 */
const asLedgerEvent = (event: RecordedEvent): LedgerEvent =>
  ({ type: event.type, data: event.data }) as LedgerEvent;

async function handle(trx: Trx, event: RecordedEvent): Promise<void> {
  const e = asLedgerEvent(event);
  switch (e.type) {
    case 'InnovatorEnrolled':
      return enrolled(trx, e.data, event);
    case 'InnovatorWithdrawn':
      return withdrawn(trx, e.data.innovatorId, event);
    case 'IncomeReported':
      return incomeReported(trx, e.data, event);
    case 'RevenueForecastRecorded':
      return forecastRecorded(trx, e.data, event);
    case 'GrantAwarded':
      return grantAwarded(trx, e.data, event);
    case 'GrantPaymentMade':
      return grantPaid(trx, e.data.grantId, e.data.amount, event);
    case 'GrantAmountCorrected':
      return grantCorrected(trx, e.data.grantId, e.data.to, event);
    case 'GrantRevoked':
      return grantRevoked(trx, e.data.grantId, event);
    case 'GrantAwardVoided':
      return grantVoided(trx, e.data.grantId, event);
    case 'IntroductionMade':
      return introductionMade(trx, e.data.introductionId, e.data.innovatorId, event);
    case 'IntroductionVoided':
      return introductionVoided(trx, e.data.introductionId, event);
    case 'PartnershipConfirmed':
      return partnershipConfirmed(trx, e.data.partnershipId, e.data.innovatorId, event);
    case 'PartnershipVoided':
      return partnershipVoided(trx, e.data.partnershipId, event);
    default:
      return;
  }
}

/**
 * Per innovator: grants, payments, introductions, partnerships, income and forecast (SPEC §4), with
 * voids and corrections taken back out through the lookups of grants, introductions and partnerships.
 */
export const innovatorSummaryProjection: Projection<InnovatorSummaryTables> = {
  name: 'innovator-summary',
  version: 1,
  eventTypes: [
    'InnovatorEnrolled',
    'InnovatorWithdrawn',
    'IncomeReported',
    'RevenueForecastRecorded',
    'GrantAwarded',
    'GrantPaymentMade',
    'GrantAmountCorrected',
    'GrantRevoked',
    'GrantAwardVoided',
    'IntroductionMade',
    'IntroductionVoided',
    'PartnershipConfirmed',
    'PartnershipVoided',
  ],
  migrations: innovatorSummaryMigrations,
  handle,
  sqliteBatch: innovatorSummaryBatch,
};
