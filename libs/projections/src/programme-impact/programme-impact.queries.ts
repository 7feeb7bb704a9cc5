import type { Kysely } from 'kysely';
import type { ForecastFact, ImpactFacts, ImpactPeriod } from './programme-impact.facts.js';
import {
  toCorrectionFact,
  toForecastFact,
  toGrantFact,
  toIncomeFact,
  toInnovatorFact,
  toIntroductionFact,
  toPartnershipFact,
  toProgrammeFact,
  toProjectFact,
} from './programme-impact.rows.js';
import type { ProgrammeImpactTables } from './programme-impact.tables.js';

// The query's result types are part of its contract: exported with it.
export type * from './programme-impact.facts.js';

type ImpactDb = Kysely<ProgrammeImpactTables>;

/**
 * Everything the DCMS impact report needs for one programme and period, read from the
 * programme-impact tables only; undefined when the programme is unknown. Business dates are filtered
 * to the period (both ends included); see `ImpactFacts` for which date each fact is filtered by.
 * The reads share one read-only, repeatable-read transaction, so on PostgreSQL every table is seen
 * at the same instant (SQLite's transactions already are).
 *
 * @example
 * const facts = await impactFacts(db, 'iep', { from: '2017-08-01', to: '2018-09-30' });
 * if (facts) console.log(facts.grants.length); // 18
 */
export async function impactFacts(
  db: ImpactDb,
  programmeId: string,
  period: ImpactPeriod,
): Promise<ImpactFacts | undefined> {
  const read = (trx: ImpactDb) => readFacts(trx, programmeId, period);
  if (db.isTransaction) return read(db);
  return db.transaction().setIsolationLevel('repeatable read').setAccessMode('read only').execute(read);
}

async function readFacts(db: ImpactDb, programmeId: string, period: ImpactPeriod) {
  const programme = await db
    .selectFrom('impact_programmes')
    .selectAll()
    .where('programme_id', '=', programmeId)
    .executeTakeFirst();
  if (!programme) return undefined;
  return {
    programme: toProgrammeFact(programme),
    period,
    innovators: await innovatorsIn(db, programmeId, period),
    grants: await grantsIn(db, programmeId, period),
    ...(await networkIn(db, programmeId, period)),
    income: await incomeIn(db, programmeId, period),
    forecasts: await latestForecastsIn(db, programmeId, period),
    projects: await projectsIn(db, programmeId, period),
    corrections: await correctionsOf(db, programmeId),
  };
}

async function innovatorsIn(db: ImpactDb, programmeId: string, { from, to }: ImpactPeriod) {
  const rows = await db
    .selectFrom('impact_innovators')
    .selectAll()
    .where('programme_id', '=', programmeId)
    .where('enrolled_on', '<=', to)
    .where((eb) => eb.or([eb('withdrawn_on', 'is', null), eb('withdrawn_on', '>=', from)]))
    .orderBy('innovator_id')
    .execute();
  return rows.map(toInnovatorFact);
}

async function grantsIn(db: ImpactDb, programmeId: string, { from, to }: ImpactPeriod) {
  const rows = await db
    .selectFrom('impact_grants')
    .selectAll()
    .where('programme_id', '=', programmeId)
    .where((eb) => eb.between('awarded_on', from, to))
    .orderBy('grant_id')
    .execute();
  return rows.map(toGrantFact);
}

async function networkIn(db: ImpactDb, programmeId: string, { from, to }: ImpactPeriod) {
  const introductions = await db
    .selectFrom('impact_introductions')
    .selectAll()
    .where('programme_id', '=', programmeId)
    .where((eb) => eb.between('made_on', from, to))
    .orderBy('introduction_id')
    .execute();
  const partnerships = await db
    .selectFrom('impact_partnerships')
    .selectAll()
    .where('programme_id', '=', programmeId)
    .where((eb) => eb.between('confirmed_on', from, to))
    .orderBy('partnership_id')
    .execute();
  return {
    introductions: introductions.map(toIntroductionFact),
    partnerships: partnerships.map(toPartnershipFact),
  };
}

async function incomeIn(db: ImpactDb, programmeId: string, { from, to }: ImpactPeriod) {
  const rows = await db
    .selectFrom('impact_income')
    .selectAll()
    .where('programme_id', '=', programmeId)
    .where((eb) => eb.between('period_end', from, to))
    .orderBy('innovator_id')
    .orderBy('income_id')
    .execute();
  return rows.map(toIncomeFact);
}

/** Rows come ordered by innovator then as-of date, so the last row seen per innovator is its latest. */
async function latestForecastsIn(db: ImpactDb, programmeId: string, { from, to }: ImpactPeriod) {
  const rows = await db
    .selectFrom('impact_forecasts')
    .selectAll()
    .where('programme_id', '=', programmeId)
    .where((eb) => eb.between('as_of', from, to))
    .orderBy('innovator_id')
    .orderBy('as_of')
    .execute();
  const latest = new Map<string, ForecastFact>();
  for (const row of rows) latest.set(row.innovator_id, toForecastFact(row));
  return [...latest.values()];
}

async function projectsIn(db: ImpactDb, programmeId: string, { from, to }: ImpactPeriod) {
  const rows = await db
    .selectFrom('impact_projects')
    .selectAll()
    .where('programme_id', '=', programmeId)
    .where((eb) => eb.between('started_on', from, to))
    .orderBy('started_on')
    .orderBy('project_id')
    .execute();
  return rows.map(toProjectFact);
}

async function correctionsOf(db: ImpactDb, programmeId: string) {
  const rows = await db
    .selectFrom('impact_corrections')
    .selectAll()
    .where('programme_id', '=', programmeId)
    .orderBy('seq')
    .execute();
  return rows.map(toCorrectionFact);
}
