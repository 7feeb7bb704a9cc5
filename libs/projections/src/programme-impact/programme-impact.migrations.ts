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
};
