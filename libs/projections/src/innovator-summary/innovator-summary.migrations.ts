import type { CreateTableBuilder, Kysely, Migration } from 'kysely';

/** Integer pence. SQLite's INTEGER is 64-bit; PostgreSQL will use bigint (int4 stops at £21m). */
const MONEY = 'bigint';

const COUNTS = ['grants', 'introductions', 'partnerships'] as const;
const AMOUNTS = ['amount_awarded', 'amount_paid', 'income', 'income_attributable'] as const;

function withFigures<T extends string>(table: CreateTableBuilder<T>): CreateTableBuilder<T> {
  let next = table;
  for (const column of COUNTS) next = next.addColumn(column, 'integer', (col) => col.notNull());
  for (const column of AMOUNTS) next = next.addColumn(column, MONEY, (col) => col.notNull());
  return next
    .addColumn('forecast', MONEY)
    .addColumn('forecast_horizon_months', 'integer')
    .addColumn('forecast_as_of', 'text');
}

async function createSummary(db: Kysely<unknown>): Promise<void> {
  const table = db.schema
    .createTable('innovator_summary')
    .addColumn('innovator_id', 'text', (col) => col.primaryKey())
    .addColumn('programme_id', 'text', (col) => col.notNull())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('challenge_area', 'text', (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('enrolled_on', 'text', (col) => col.notNull());
  await withFigures(table)
    .addColumn('last_event_position', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .execute();
  for (const column of ['programme_id', 'challenge_area'] as const) {
    await db.schema
      .createIndex(`innovator_summary_${column}_idx`)
      .on('innovator_summary')
      .column(column)
      .execute();
  }
}

async function createLookups(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('innovator_summary_grants')
    .addColumn('grant_id', 'text', (col) => col.primaryKey())
    .addColumn('innovator_id', 'text', (col) => col.notNull())
    .addColumn('amount', MONEY, (col) => col.notNull())
    .addColumn('paid', MONEY, (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull())
    .execute();
  for (const entity of ['introduction', 'partnership'] as const) {
    await db.schema
      .createTable(`innovator_summary_${entity}s`)
      .addColumn(`${entity}_id`, 'text', (col) => col.primaryKey())
      .addColumn('innovator_id', 'text', (col) => col.notNull())
      .addColumn('status', 'text', (col) => col.notNull())
      .execute();
  }
}

export const innovatorSummaryMigrations: Readonly<Record<string, Migration>> = {
  'innovator-summary-0001': {
    async up(db: Kysely<unknown>): Promise<void> {
      await createSummary(db);
      await createLookups(db);
    },
    async down(db: Kysely<unknown>): Promise<void> {
      for (const table of ['grants', 'introductions', 'partnerships'] as const) {
        await db.schema.dropTable(`innovator_summary_${table}`).execute();
      }
      await db.schema.dropTable('innovator_summary').execute();
    },
  },
};
