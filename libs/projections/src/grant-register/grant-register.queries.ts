import type { Kysely, Selectable } from 'kysely';
import { countOf, pageWindow } from '../paging.js';
import type {
  GrantRegisterStatus,
  GrantRegisterTable,
  GrantRegisterTables,
} from './grant-register.tables.js';

/** A grant as the register shows it; money in integer pence. */
export interface GrantRegisterEntry {
  readonly grantId: string;
  readonly programmeId: string;
  readonly innovatorId: string;
  readonly title: string;
  readonly funderOrgId: string;
  readonly funderName: string;
  readonly awardedOn: string;
  readonly amountAwarded: number;
  readonly amountPaid: number;
  readonly outstanding: number;
  readonly status: GrantRegisterStatus;
  readonly corrections: number;
  readonly lastEventPosition: string;
  readonly updatedAt: string;
}

export interface ListGrantsFilters {
  readonly programmeId?: string;
  readonly innovatorId?: string;
  readonly status?: GrantRegisterStatus;
  /** 50 when absent; at most 500. */
  readonly limit?: number;
  readonly offset?: number;
}

export interface GrantRegisterPage {
  readonly items: readonly GrantRegisterEntry[];
  /** How many grants match the filters, across all pages. */
  readonly total: number;
}

const toEntry = (row: Selectable<GrantRegisterTable>): GrantRegisterEntry => ({
  grantId: row.grant_id,
  programmeId: row.programme_id,
  innovatorId: row.innovator_id,
  title: row.title,
  funderOrgId: row.funder_org_id,
  funderName: row.funder_name,
  awardedOn: row.awarded_on,
  amountAwarded: row.amount_awarded,
  amountPaid: row.amount_paid,
  outstanding: row.outstanding,
  status: row.status,
  corrections: row.corrections,
  lastEventPosition: row.last_event_position,
  updatedAt: row.updated_at,
});

function filtered(db: Kysely<GrantRegisterTables>, filters: ListGrantsFilters) {
  let query = db.selectFrom('grant_register');
  if (filters.programmeId !== undefined) query = query.where('programme_id', '=', filters.programmeId);
  if (filters.innovatorId !== undefined) query = query.where('innovator_id', '=', filters.innovatorId);
  if (filters.status !== undefined) query = query.where('status', '=', filters.status);
  return query;
}

/**
 * The grants matching the filters, oldest award first, one page at a time, with the total count.
 *
 * @example
 * const { items, total } = await listGrants(db, { programmeId: 'iep', status: 'awarded', limit: 20 });
 * // items[0] → { grantId: 'g-1', amountAwarded: 2000000, amountPaid: 1000000, outstanding: 1000000, ... }
 */
export async function listGrants(
  db: Kysely<GrantRegisterTables>,
  filters: ListGrantsFilters = {},
): Promise<GrantRegisterPage> {
  const { limit, offset } = pageWindow(filters);
  const rows = await filtered(db, filters)
    .selectAll()
    .orderBy('awarded_on')
    .orderBy('grant_id')
    .limit(limit)
    .offset(offset)
    .execute();
  const { total } = await filtered(db, filters)
    .select((eb) => eb.fn.countAll<number | string | bigint>().as('total'))
    .executeTakeFirstOrThrow();
  return { items: rows.map(toEntry), total: countOf(total) };
}

/**
 * One grant from the register, or undefined when no such grant was awarded.
 *
 * @example
 * const grant = await getGrant(db, 'g-1');
 * // → { grantId: 'g-1', status: 'revoked', amountAwarded: 2000000, outstanding: 0, corrections: 1, ... }
 */
export async function getGrant(
  db: Kysely<GrantRegisterTables>,
  grantId: string,
): Promise<GrantRegisterEntry | undefined> {
  const row = await db
    .selectFrom('grant_register')
    .selectAll()
    .where('grant_id', '=', grantId)
    .executeTakeFirst();
  return row && toEntry(row);
}
