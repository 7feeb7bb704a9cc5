import type { Kysely, Migration } from 'kysely';

// Migrations see the schema as it was when they were written, not today's table types.
type AnyDb = Kysely<unknown>;

async function createProgrammeTables(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('impact_programmes')
    .addColumn('programme_id', 'text', (col) => col.primaryKey())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('funder_name', 'text', (col) => col.notNull())
    .addColumn('funder_org_id', 'text', (col) => col.notNull())
    .addColumn('delivery_partner_name', 'text', (col) => col.notNull())
    .addColumn('delivery_partner_org_id', 'text', (col) => col.notNull())
    .addColumn('challenge_areas', 'text', (col) => col.notNull())
    .addColumn('start_date', 'text', (col) => col.notNull())
    .addColumn('end_date', 'text', (col) => col.notNull())
    .addColumn('grant_budget', 'bigint', (col) => col.notNull())
    .addColumn('targets', 'text', (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('closed_on', 'text')
    .execute();
  await db.schema
    .createTable('impact_innovators')
    .addColumn('innovator_id', 'text', (col) => col.primaryKey())
    .addColumn('programme_id', 'text', (col) => col.notNull())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('challenge_area', 'text', (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('enrolled_on', 'text', (col) => col.notNull())
    .addColumn('withdrawn_on', 'text')
    .execute();
  await db.schema
    .createTable('impact_projects')
    .addColumn('project_id', 'text', (col) => col.primaryKey())
    .addColumn('programme_id', 'text', (col) => col.notNull())
    .addColumn('title', 'text', (col) => col.notNull())
    .addColumn('lead_organisations', 'text', (col) => col.notNull())
    .addColumn('challenge_area', 'text', (col) => col.notNull())
    .addColumn('started_on', 'text', (col) => col.notNull())
    .execute();
}

async function createMoneyTables(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('impact_grants')
    .addColumn('grant_id', 'text', (col) => col.primaryKey())
    .addColumn('programme_id', 'text', (col) => col.notNull())
    .addColumn('innovator_id', 'text', (col) => col.notNull())
    .addColumn('title', 'text', (col) => col.notNull())
    .addColumn('amount', 'bigint', (col) => col.notNull())
    .addColumn('paid', 'bigint', (col) => col.notNull())
    .addColumn('awarded_on', 'text', (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull())
    .execute();
  await db.schema
    .createTable('impact_income')
    .addColumn('income_id', 'text', (col) => col.primaryKey())
    .addColumn('innovator_id', 'text', (col) => col.notNull())
    .addColumn('programme_id', 'text', (col) => col.notNull())
    .addColumn('amount', 'bigint', (col) => col.notNull())
    .addColumn('source', 'text', (col) => col.notNull())
    .addColumn('attributable', 'integer', (col) => col.notNull())
    .addColumn('period_start', 'text', (col) => col.notNull())
    .addColumn('period_end', 'text', (col) => col.notNull())
    .execute();
  await db.schema
    .createTable('impact_forecasts')
    .addColumn('innovator_id', 'text', (col) => col.notNull())
    .addColumn('programme_id', 'text', (col) => col.notNull())
    .addColumn('as_of', 'text', (col) => col.notNull())
    .addColumn('amount', 'bigint', (col) => col.notNull())
    .addColumn('horizon_months', 'integer', (col) => col.notNull())
    .addPrimaryKeyConstraint('impact_forecasts_pk', ['innovator_id', 'as_of'])
    .execute();
}

async function createNetworkTables(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('impact_introductions')
    .addColumn('introduction_id', 'text', (col) => col.primaryKey())
    .addColumn('programme_id', 'text', (col) => col.notNull())
    .addColumn('innovator_id', 'text', (col) => col.notNull())
    .addColumn('made_on', 'text', (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull())
    .execute();
  await db.schema
    .createTable('impact_partnerships')
    .addColumn('partnership_id', 'text', (col) => col.primaryKey())
    .addColumn('introduction_id', 'text', (col) => col.notNull())
    .addColumn('programme_id', 'text', (col) => col.notNull())
    .addColumn('innovator_id', 'text', (col) => col.notNull())
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('confirmed_on', 'text', (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull())
    .execute();
}

async function createCorrectionsTable(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('impact_corrections')
    .addColumn('event_id', 'text', (col) => col.primaryKey())
    .addColumn('position', 'text', (col) => col.notNull())
    .addColumn('seq', 'integer', (col) => col.notNull().unique())
    .addColumn('type', 'text', (col) => col.notNull())
    .addColumn('entity_stream', 'text', (col) => col.notNull())
    .addColumn('programme_id', 'text', (col) => col.notNull())
    .addColumn('recorded_at', 'text', (col) => col.notNull())
    .addColumn('actor_id', 'text', (col) => col.notNull())
    .addColumn('actor_role', 'text', (col) => col.notNull())
    .addColumn('reason', 'text', (col) => col.notNull())
    .addColumn('summary', 'text', (col) => col.notNull())
    .execute();
}

/** Every fact table is read by programme: index it. */
const PROGRAMME_INDEXED = [
  'impact_innovators',
  'impact_grants',
  'impact_introductions',
  'impact_partnerships',
  'impact_income',
  'impact_forecasts',
  'impact_projects',
  'impact_corrections',
] as const;

async function createIndexes(db: AnyDb): Promise<void> {
  for (const table of PROGRAMME_INDEXED) {
    await db.schema.createIndex(`${table}_programme_idx`).on(table).column('programme_id').execute();
  }
}

const INCOME_COLUMNS = [
  'income_id',
  'innovator_id',
  'programme_id',
  'amount',
  'source',
  'attributable',
  'period_start',
  'period_end',
] as const;

/**
 * An income id is unique per innovator only (the innovator decider refuses a repeat in its own
 * stream, nowhere else; ADR 0017): 0001 keyed `impact_income` by `income_id` alone, so a second
 * innovator reporting the same id stopped the projection. Neither SQLite nor a portable ALTER
 * changes a primary key, so the table is copied into a new one keyed by (innovator_id, income_id):
 * the rows stay as they were (every one was keyed by a unique income id), so no rebuild is needed,
 * and a projection stopped at such an event applies it once restarted.
 */
async function keyIncomeByInnovator(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('impact_income_0002')
    .addColumn('income_id', 'text', (col) => col.notNull())
    .addColumn('innovator_id', 'text', (col) => col.notNull())
    .addColumn('programme_id', 'text', (col) => col.notNull())
    .addColumn('amount', 'bigint', (col) => col.notNull())
    .addColumn('source', 'text', (col) => col.notNull())
    .addColumn('attributable', 'integer', (col) => col.notNull())
    .addColumn('period_start', 'text', (col) => col.notNull())
    .addColumn('period_end', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('impact_income_pk', ['innovator_id', 'income_id'])
    .execute();
  const rows = db.withTables<Record<'impact_income' | 'impact_income_0002', Record<string, unknown>>>();
  await rows
    .insertInto('impact_income_0002')
    .columns(INCOME_COLUMNS)
    .expression(rows.selectFrom('impact_income').select(INCOME_COLUMNS))
    .execute();
  // Dropping the table drops its programme index with it; the index is made again on the new one.
  await db.schema.dropTable('impact_income').execute();
  await db.schema.alterTable('impact_income_0002').renameTo('impact_income').execute();
  await db.schema
    .createIndex('impact_income_programme_idx')
    .on('impact_income')
    .column('programme_id')
    .execute();
}

/** The programme-impact tables; names start with the projection's name so they never collide. */
export const programmeImpactMigrations: Readonly<Record<string, Migration>> = {
  'programme-impact-0001-create-tables': {
    up: async (db) => {
      await createProgrammeTables(db);
      await createMoneyTables(db);
      await createNetworkTables(db);
      await createCorrectionsTable(db);
      await createIndexes(db);
    },
    down: async (db) => {
      for (const table of [...PROGRAMME_INDEXED, 'impact_programmes'])
        await db.schema.dropTable(table).execute();
    },
  },
  'programme-impact-0002-income-keyed-by-innovator': { up: keyIncomeByInnovator },
};
