import { sql, type Transaction } from 'kysely';
import type { SyncStatements } from '@ledger/read-store';
import { eraseFromEventData, PERSONAL_DATA_FIELDS } from '@ledger/ledger-domain';
import type { AuditTrailTables } from './audit-trail.tables.js';

/** LIKE's escape character here: never part of an id (ID_PATTERN), so only escapes are escaped. */
const ESCAPE = '!';

/** `%"personId":"<id>"%`, with LIKE's wildcards in the id escaped (ids may hold `_`). */
function mentionOf(personId: string): string {
  const literal = JSON.stringify({ personId })
    .slice(1, -1)
    .replace(/[!%_]/g, (c) => `${ESCAPE}${c}`);
  return `%${literal}%`;
}

/**
 * Replaces a forgotten person's data in the rows of earlier events with `{ personId, erased: true }`
 * (SPEC §6), so the audit trail forgets them at once, without a rebuild, while every row (who, what,
 * when, why) stays. Only rows of event types with personal fields that mention the person are read.
 */
export async function eraseFromAuditTrail(
  trx: Transaction<AuditTrailTables>,
  personId: string,
): Promise<void> {
  const rows = await trx
    .selectFrom('audit_events')
    .select(['event_id', 'type', 'data'])
    .where('type', 'in', Object.keys(PERSONAL_DATA_FIELDS))
    .where(sql<boolean>`data like ${mentionOf(personId)} escape ${ESCAPE}`)
    .execute();
  for (const row of rows) {
    const erased = eraseFromEventData(row.type, JSON.parse(row.data), personId);
    if (erased === undefined) continue;
    await trx
      .updateTable('audit_events')
      .set({ data: JSON.stringify(erased) })
      .where('event_id', '=', row.event_id)
      .execute();
  }
}

const PERSONAL_TYPES = Object.keys(PERSONAL_DATA_FIELDS);
const MENTIONING = `select "event_id", "type", "data" from "audit_events" where "type" in (${PERSONAL_TYPES.map(
  () => '?',
).join(', ')}) and data like ? escape ?`;
const SET_DATA = 'update "audit_events" set "data" = ? where "event_id" = ?';

/** `eraseFromAuditTrail` on a build's synchronous connection (the rebuild path). */
export function eraseFromAuditTrailSync(statements: SyncStatements, personId: string): void {
  const rows = statements.all<{ event_id: string; type: string; data: string }>(
    MENTIONING,
    ...PERSONAL_TYPES,
    mentionOf(personId),
    ESCAPE,
  );
  for (const row of rows) {
    const erased = eraseFromEventData(row.type, JSON.parse(row.data), personId);
    if (erased === undefined) continue;
    statements.run(SET_DATA, JSON.stringify(erased), row.event_id);
  }
}
