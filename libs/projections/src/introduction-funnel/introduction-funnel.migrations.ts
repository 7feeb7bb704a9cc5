import type { Kysely, Migration } from 'kysely';

async function createIntroductions(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('funnel_introductions')
    .addColumn('introduction_id', 'text', (col) => col.primaryKey())
    .addColumn('programme_id', 'text', (col) => col.notNull())
    .addColumn('innovator_id', 'text', (col) => col.notNull())
    .addColumn('partner_id', 'text', (col) => col.notNull())
    .addColumn('partner_sector', 'text', (col) => col.notNull())
    .addColumn('challenge_area', 'text', (col) => col.notNull())
    .addColumn('made_on', 'text', (col) => col.notNull())
    .addColumn('month', 'text', (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('partnership_id', 'text')
    .addColumn('partnership_kind', 'text')
    .addColumn('confirmed_on', 'text')
    .addColumn('days_to_partnership', 'integer')
    .execute();
  // The funnel reads one programme over a range of dates; a voided partnership is found by its id.
  await db.schema
    .createIndex('funnel_introductions_programme_made_on_idx')
    .on('funnel_introductions')
    .columns(['programme_id', 'made_on'])
    .execute();
  await db.schema
    .createIndex('funnel_introductions_partnership_id_idx')
    .on('funnel_introductions')
    .column('partnership_id')
    .execute();
}

export const introductionFunnelMigrations: Readonly<Record<string, Migration>> = {
  'introduction-funnel-0001': {
    async up(db: Kysely<unknown>): Promise<void> {
      await createIntroductions(db);
      await db.schema
        .createTable('funnel_partners')
        .addColumn('partner_id', 'text', (col) => col.primaryKey())
        .addColumn('sector', 'text', (col) => col.notNull())
        .execute();
      await db.schema
        .createTable('funnel_innovators')
        .addColumn('innovator_id', 'text', (col) => col.primaryKey())
        .addColumn('challenge_area', 'text', (col) => col.notNull())
        .execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      for (const table of ['funnel_innovators', 'funnel_partners', 'funnel_introductions'] as const) {
        await db.schema.dropTable(table).execute();
      }
    },
  },
};
