import type { EventStore } from '@ledger/event-store';
import { type GrantAwarded, streamName } from '@ledger/ledger-domain';
import type { AwardGrantInput } from '@ledger/ledger-application';
import { KEY_REUSED, type Refusal } from './import-sender.js';

const COMPARED = ['amount', 'programmeId', 'innovatorId', 'awardedOn', 'title', 'purpose'] as const;

/**
 * The refusal of a grant imported before with other content: which fields differ, the ledger's value
 * against the file's. The ledger keeps what it recorded; a real change is a correction, made on purpose.
 */
export async function changedGrantRefusal(events: EventStore, award: AwardGrantInput): Promise<Refusal> {
  const { events: recorded } = await events.readStream(streamName('grant', award.grantId));
  const awarded = recorded.find((event) => event.type === 'GrantAwarded')?.data as
    GrantAwarded['data'] | undefined;
  const differences = COMPARED.filter((field) => awarded && awarded[field] !== award[field]).map(
    (field) => `${field}: ledger ${JSON.stringify(awarded?.[field])}, file ${JSON.stringify(award[field])}`,
  );
  const what = differences.length > 0 ? differences.join('; ') : 'its funding organisation';
  return {
    code: KEY_REUSED,
    message: `grant ${award.grantId} was imported before and the file now differs (${what}); the ledger keeps what it recorded`,
  };
}
