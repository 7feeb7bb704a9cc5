import type { Kysely, Migration } from 'kysely';

/** Integer pence. SQLite's INTEGER is 64-bit; PostgreSQL will use bigint (int4 stops at £21m). */
const MONEY = 'bigint';

export const grantRegisterMigrations: Readonly<Record<string, Migration>> = {
  'grant-register-0001': {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('grant_register')
        .addColumn('grant_id', 'text', (col) => col.primaryKey())
        .addColumn('programme_id', 'text', (col) => col.notNull())
        .addColumn('innovator_id', 'text', (col) => col.notNull())
        .addColumn('title', 'text', (col) => col.notNull())
        .addColumn('funder_org_id', 'text', (col) => col.notNull())
        .addColumn('funder_name', 'text', (col) => col.notNull())
        .addColumn('awarded_on', 'text', (col) => col.notNull())
        .addColumn('amount_awarded', MONEY, (col) => col.notNull())
        .addColumn('amount_paid', MONEY, (col) => col.notNull())
        .addColumn('outstanding', MONEY, (col) => col.notNull())
        .addColumn('status', 'text', (col) => col.notNull())
        .addColumn('corrections', 'integer', (col) => col.notNull())
        .addColumn('last_event_position', 'text', (col) => col.notNull())
        .addColumn('updated_at', 'text', (col) => col.notNull())
        .execute();
      for (const column of ['programme_id', 'innovator_id', 'status'] as const) {
        await db.schema
          .createIndex(`grant_register_${column}_idx`)
          .on('grant_register')
          .column(column)
          .execute();
      }
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropTable('grant_register').execute();
    },
  },
};
