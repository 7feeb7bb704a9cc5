import type { Kysely, Migration } from 'kysely';

/** The columns searchEvents filters on, and the stream entityHistory and correction look-ups read. */
const INDEXED = ['stream', 'entity_id', 'actor_id', 'type', 'recorded_at'] as const;

export const auditTrailMigrations: Readonly<Record<string, Migration>> = {
  'audit-trail-0001': {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('audit_events')
        .addColumn('seq', 'integer', (col) => col.primaryKey())
        .addColumn('position', 'text', (col) => col.notNull())
        .addColumn('event_id', 'text', (col) => col.notNull().unique())
        .addColumn('stream', 'text', (col) => col.notNull())
        .addColumn('category', 'text')
        .addColumn('entity_id', 'text')
        .addColumn('type', 'text', (col) => col.notNull())
        .addColumn('stream_revision', 'integer', (col) => col.notNull())
        .addColumn('occurred_at', 'text', (col) => col.notNull())
        .addColumn('recorded_at', 'text', (col) => col.notNull())
        .addColumn('schema_version', 'integer', (col) => col.notNull())
        .addColumn('actor_id', 'text', (col) => col.notNull())
        .addColumn('actor_role', 'text', (col) => col.notNull())
        .addColumn('command_id', 'text', (col) => col.notNull())
        .addColumn('correlation_id', 'text', (col) => col.notNull())
        .addColumn('causation_id', 'text', (col) => col.notNull())
        .addColumn('source', 'text', (col) => col.notNull())
        .addColumn('reason', 'text')
        .addColumn('data', 'text', (col) => col.notNull())
        .addColumn('metadata', 'text', (col) => col.notNull())
        .addColumn('corrects_event_id', 'text')
        .execute();
      for (const column of INDEXED) {
        await db.schema.createIndex(`audit_events_${column}_idx`).on('audit_events').column(column).execute();
      }
      await db.schema
        .createTable('audit_sequence')
        .addColumn('name', 'text', (col) => col.primaryKey())
        .addColumn('last_seq', 'integer', (col) => col.notNull())
        .execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropTable('audit_sequence').execute();
      await db.schema.dropTable('audit_events').execute();
    },
  },
};
