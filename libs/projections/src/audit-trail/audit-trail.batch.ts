import type { RecordedEvent } from '@ledger/event-store';
import type { SyncStatements } from '@ledger/read-store';
import type { BatchApplier } from '../projection.js';
import { eraseFromAuditTrailSync } from './audit-trail.erasure.js';
import { CORRECTS, rowOf } from './audit-trail.rows.js';

const COLUMNS = [
  'seq',
  'position',
  'event_id',
  'stream',
  'category',
  'entity_id',
  'type',
  'stream_revision',
  'occurred_at',
  'recorded_at',
  'schema_version',
  'actor_id',
  'actor_role',
  'command_id',
  'correlation_id',
  'causation_id',
  'source',
  'reason',
  'data',
  'metadata',
  'corrects_event_id',
] as const;

const INSERT = `insert into "audit_events" (${COLUMNS.map((c) => `"${c}"`).join(', ')})
  values (${COLUMNS.map(() => '?').join(', ')}) on conflict ("event_id") do nothing`;
const LAST_SEQ = `select "last_seq" from "audit_sequence" where "name" = 'audit_events'`;
const SET_SEQ = `insert into "audit_sequence" ("name", "last_seq") values ('audit_events', ?)
  on conflict ("name") do update set "last_seq" = excluded."last_seq"`;

/**
 * The latest earlier event of the given types in a stream, by arrival. `"type" || ''` keeps SQLite
 * (which has no statistics here) off the type index: walking every GrantAwarded of the ledger for
 * each correction made a 1e6 rebuild quadratic; the stream's own index, read backwards, is short.
 */
const correctedSql = (types: number): string =>
  `select "event_id" from "audit_events" where "stream" = ? and "type" || '' in (${Array.from(
    { length: types },
    () => '?',
  ).join(', ')}) order by "seq" desc limit ?`;

/**
 * The audit trail's rebuild path: `handle`'s writes, with the arrival counter kept in memory for
 * the batch and written once at its end.
 */
export function auditTrailBatch(sql: SyncStatements): BatchApplier {
  let lastSeq: number | undefined;
  const nextSeq = (): number => {
    lastSeq = (lastSeq ?? Number(sql.get<{ last_seq: number }>(LAST_SEQ)?.last_seq ?? 0)) + 1;
    return lastSeq;
  };
  const correctedEventId = (event: RecordedEvent): string | null => {
    const targets = CORRECTS[event.type];
    if (!targets) return null;
    const found = sql.get<{ event_id: string }>(correctedSql(targets.length), event.stream, ...targets, 1);
    return found?.event_id ?? null;
  };
  return {
    apply(event: RecordedEvent): void {
      const corrects = correctedEventId(event);
      const row = rowOf(event, nextSeq(), corrects) as Record<string, unknown>;
      sql.run(INSERT, ...COLUMNS.map((column) => row[column] ?? null));
      if (event.type === 'PersonalDataErased') {
        eraseFromAuditTrailSync(sql, (event.data as { personId: string }).personId);
      }
    },
    flush(): void {
      if (lastSeq !== undefined) sql.run(SET_SEQ, lastSeq);
    },
  };
}
