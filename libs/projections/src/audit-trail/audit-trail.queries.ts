import type { Kysely } from 'kysely';
import { type AuditEntry, auditEvents, toAuditEntry } from './audit-trail.entry.js';
import type { AuditTrailTables } from './audit-trail.tables.js';
import { pageWindow } from '../paging.js';

/**
 * The full history of one entity's stream, in order, each correction showing what it corrected.
 *
 * @example
 * const history = await entityHistory(db, 'grant-g-1');
 * // → [{ type: 'GrantAwarded', streamRevision: 0, corrects: null, ... },
 * //    { type: 'GrantAmountCorrected', streamRevision: 1, metadata: { reason: 'Typo', ... },
 * //      corrects: { eventId: '…', type: 'GrantAwarded', streamRevision: 0 }, ... }]
 */
export async function entityHistory(db: Kysely<AuditTrailTables>, stream: string): Promise<AuditEntry[]> {
  const rows = await auditEvents(db)
    .where('e.stream', '=', stream)
    .orderBy('e.stream_revision')
    .orderBy('e.seq')
    .execute();
  return rows.map(toAuditEntry);
}

export interface SearchEventsFilters {
  /** A stream name (`grant-g-1`) or an entity id (`g-1`); combine with `category` to pin an id down. */
  readonly entity?: string;
  readonly category?: string;
  readonly actorId?: string;
  /** One event type or several; an empty list filters nothing. */
  readonly type?: string | readonly string[];
  /** recordedAt from this ISO instant, inclusive. */
  readonly from?: string;
  /** recordedAt before this ISO instant, exclusive, so consecutive ranges never overlap. */
  readonly to?: string;
  /** 50 when absent; at most 500. */
  readonly limit?: number;
  /** The `nextCursor` of the previous page: events after that seq. */
  readonly after?: number;
}

export interface AuditEventsPage {
  readonly items: readonly AuditEntry[];
  /** Pass as `after` for the next page; null on the last page. */
  readonly nextCursor: number | null;
}

function filtered(db: Kysely<AuditTrailTables>, filters: SearchEventsFilters) {
  const { entity, category, actorId, from, to, after } = filters;
  const types = filters.type === undefined ? [] : [filters.type].flat();
  let query = auditEvents(db);
  if (entity !== undefined) {
    query = query.where((eb) => eb.or([eb('e.stream', '=', entity), eb('e.entity_id', '=', entity)]));
  }
  if (category !== undefined) query = query.where('e.category', '=', category);
  if (actorId !== undefined) query = query.where('e.actor_id', '=', actorId);
  if (types.length > 0) query = query.where('e.type', 'in', types);
  if (from !== undefined) query = query.where('e.recorded_at', '>=', from);
  if (to !== undefined) query = query.where('e.recorded_at', '<', to);
  if (after !== undefined) query = query.where('e.seq', '>', after);
  return query;
}

/**
 * Events matching every filter given, in arrival order, a page at a time (keyset paging on `seq`,
 * so pages stay stable while new events arrive).
 *
 * @example
 * const first = await searchEvents(db, { actorId: 'admin-1', type: ['GrantAmountCorrected', 'GrantAwardVoided'] });
 * const next = first.nextCursor === null ? undefined : await searchEvents(db, { actorId: 'admin-1', after: first.nextCursor });
 */
export async function searchEvents(
  db: Kysely<AuditTrailTables>,
  filters: SearchEventsFilters = {},
): Promise<AuditEventsPage> {
  const { limit } = pageWindow(filters);
  // One row more than the page tells whether another page follows.
  const rows = await filtered(db, filters)
    .orderBy('e.seq')
    .limit(limit + 1)
    .execute();
  const items = rows.slice(0, limit).map(toAuditEntry);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? last.seq : null };
}
