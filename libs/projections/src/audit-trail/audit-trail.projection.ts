import { sql, type Transaction } from 'kysely';
import type { RecordedEvent } from '@ledger/event-store';
import { EVENT_TYPES } from '@ledger/ledger-domain';
import type { Projection } from '../projection.js';
import { eraseFromAuditTrail } from './audit-trail.erasure.js';
import { auditTrailMigrations } from './audit-trail.migrations.js';
import { auditTrailBatch } from './audit-trail.batch.js';
import { CORRECTS, rowOf } from './audit-trail.rows.js';
import type { AuditTrailTables } from './audit-trail.tables.js';

type Trx = Transaction<AuditTrailTables>;

/** The next value of the arrival counter; the runner's transaction makes draws one at a time. */
async function nextSeq(trx: Trx): Promise<number> {
  const { last_seq } = await trx
    .insertInto('audit_sequence')
    .values({ name: 'audit_events', last_seq: 1 })
    .onConflict((oc) =>
      oc.column('name').doUpdateSet((eb) => ({ last_seq: eb('audit_sequence.last_seq', '+', 1) })),
    )
    .returning('last_seq')
    .executeTakeFirstOrThrow();
  return Number(last_seq);
}

async function correctedEventId(trx: Trx, event: RecordedEvent): Promise<string | null> {
  const targets = CORRECTS[event.type];
  if (!targets) return null;
  const target = await trx
    .selectFrom('audit_events')
    .select('event_id')
    .where('stream', '=', event.stream)
    // Not by the type index: see correctedSql in audit-trail.batch.ts.
    .where(sql<string>`${sql.ref('type')} || ''`, 'in', targets)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  return target?.event_id ?? null;
}

async function handle(trx: Trx, event: RecordedEvent): Promise<void> {
  const corrects = await correctedEventId(trx, event);
  await trx
    .insertInto('audit_events')
    .values(rowOf(event, await nextSeq(trx), corrects))
    // A re-delivered event keeps the place it was first given.
    .onConflict((oc) => oc.column('event_id').doNothing())
    .execute();
  if (event.type === 'PersonalDataErased') {
    await eraseFromAuditTrail(trx, (event.data as { personId: string }).personId);
  }
}

/**
 * Every event of every type with its full envelope, and each correction linked to what it corrects
 * (SPEC §4). A forgotten person's data is erased from the rows of earlier events (SPEC §6).
 */
export const auditTrailProjection: Projection<AuditTrailTables> = {
  name: 'audit-trail',
  version: 1,
  eventTypes: EVENT_TYPES,
  migrations: auditTrailMigrations,
  handle,
  scrubsOn: ['PersonalDataErased'],
  sqliteBatch: auditTrailBatch,
};
