import type { Kysely } from 'kysely';
import {
  type AuditTrailTables,
  type GrantRegisterTables,
  PROJECTION_NAMES,
  type ProgrammeImpactTables,
  type RunnerTables,
} from '@ledger/projections';

/** The read models an export reads: grants, their award and recipient events, programmes. */
export type ExportTables = GrantRegisterTables & AuditTrailTables & ProgrammeImpactTables & RunnerTables;

/** The projections an export reads, for `?atLeast=` and for catching up before it. */
export const EXPORT_PROJECTIONS: readonly string[] = [
  PROJECTION_NAMES.grantRegister,
  PROJECTION_NAMES.auditTrail,
  PROJECTION_NAMES.programmeImpact,
];

export interface ExportOrganisation {
  readonly orgId: string;
  readonly name: string;
}

export interface ExportProgrammeSource {
  readonly programmeId: string;
  readonly name: string;
  readonly funder: ExportOrganisation;
  readonly deliveryPartner: ExportOrganisation;
}

/** A live grant (awarded or revoked, never voided) with what 360Giving needs of it; money in pence. */
export interface ExportGrantSource {
  readonly grantId: string;
  readonly programmeId: string;
  readonly title: string;
  readonly purpose: string;
  readonly currency: string;
  readonly amountAwardedPence: number;
  readonly amountPaidPence: number;
  readonly awardedOn: string;
  readonly status: 'awarded' | 'revoked';
  readonly funder: ExportOrganisation;
  /** When the ledger recorded the grant's last event (ISO instant). */
  readonly updatedAt: string;
  /**
   * `individualId` (a `360G-` id, no org-id) marks a person: the import enrols individuals by that id
   * alone, and the export gives them back as `recipientIndividual`, never as an organisation.
   */
  readonly recipient: {
    readonly innovatorId: string;
    readonly name: string;
    readonly orgId?: string;
    readonly individualId?: string;
  };
}

export interface ExportSource {
  readonly programmes: readonly ExportProgrammeSource[];
  readonly grants: readonly ExportGrantSource[];
  /** The grant register's checkpoint, which the export states: '0' before the first event. */
  readonly position: string;
  /**
   * Grants of the register whose award event, recipient or programme the audit trail or the
   * programme-impact model has not applied yet (they run on their own checkpoints). Non-empty means
   * "read again once those have caught up"; the grants listed are not in `grants`.
   */
  readonly incomplete: readonly string[];
}

export interface ExportFilter {
  /** One programme; every programme when absent. */
  readonly programmeId?: string;
}

/**
 * Reads everything an export needs in ONE repeatable-read transaction: the grant register's live
 * grants, each grant's `GrantAwarded` and its recipient's `InnovatorEnrolled` from the audit trail
 * (purpose, currency, org-id: no other read model keeps them), and the programmes. Undefined when the
 * programme asked for is unknown.
 *
 * @example
 * const source = await readExportSource(db, { programmeId: 'iep-2017' });
 * source?.grants.length; // 18
 */
export async function readExportSource(
  db: Kysely<ExportTables>,
  filter: ExportFilter = {},
): Promise<ExportSource | undefined> {
  const read = (trx: Kysely<ExportTables>) => readSource(trx, filter);
  if (db.isTransaction) return read(db);
  return db.transaction().setIsolationLevel('repeatable read').setAccessMode('read only').execute(read);
}

async function readSource(db: Kysely<ExportTables>, filter: ExportFilter): Promise<ExportSource | undefined> {
  const programmes = await programmesOf(db, filter);
  if (filter.programmeId !== undefined && programmes.length === 0) return undefined;
  let query = db.selectFrom('grant_register').selectAll().where('status', '!=', 'voided');
  if (filter.programmeId !== undefined) query = query.where('programme_id', '=', filter.programmeId);
  const rows = await query.orderBy('awarded_on').orderBy('grant_id').execute();
  const awards = await eventData(db, 'GrantAwarded', 'grant', unique(rows.map((row) => row.grant_id)));
  const enrolments = await eventData(
    db,
    'InnovatorEnrolled',
    'innovator',
    unique(rows.map((row) => row.innovator_id)),
  );
  const known = new Set(programmes.map((programme) => programme.programmeId));
  const grants: ExportGrantSource[] = [];
  const incomplete: string[] = [];
  for (const row of rows) {
    const award = awards.get(row.grant_id);
    const enrolment = enrolments.get(row.innovator_id);
    if (award === undefined || enrolment === undefined || !known.has(row.programme_id)) {
      incomplete.push(row.grant_id);
      continue;
    }
    grants.push(toGrantSource(row, award, enrolment));
  }
  return { programmes, grants, position: await positionOf(db), incomplete };
}

type GrantRow = GrantRegisterTables['grant_register'];
type EventData = Readonly<Record<string, unknown>>;

function toGrantSource(row: GrantRow, award: EventData, enrolment: EventData): ExportGrantSource {
  const orgId = textOf(enrolment, 'orgId');
  return {
    grantId: row.grant_id,
    programmeId: row.programme_id,
    title: row.title,
    purpose: textOf(award, 'purpose') ?? '',
    currency: textOf(award, 'currency') ?? 'GBP',
    amountAwardedPence: exactPence(row.amount_awarded, row.grant_id),
    amountPaidPence: exactPence(row.amount_paid, row.grant_id),
    awardedOn: row.awarded_on,
    // The query leaves voided grants out.
    status: row.status === 'revoked' ? 'revoked' : 'awarded',
    funder: { orgId: row.funder_org_id, name: row.funder_name },
    updatedAt: row.updated_at,
    recipient: {
      innovatorId: row.innovator_id,
      name: textOf(enrolment, 'name') ?? row.innovator_id,
      ...(orgId === undefined || orgId === '' ? individualOf(enrolment) : { orgId }),
    },
  };
}

async function programmesOf(
  db: Kysely<ExportTables>,
  filter: ExportFilter,
): Promise<ExportProgrammeSource[]> {
  let query = db.selectFrom('impact_programmes').selectAll();
  if (filter.programmeId !== undefined) query = query.where('programme_id', '=', filter.programmeId);
  const rows = await query.orderBy('programme_id').execute();
  return rows.map((row) => ({
    programmeId: row.programme_id,
    name: row.name,
    funder: { orgId: row.funder_org_id, name: row.funder_name },
    deliveryPartner: { orgId: row.delivery_partner_org_id, name: row.delivery_partner_name },
  }));
}

/** IN lists stay well under both databases' limits on bound parameters. */
const CHUNK = 500;

/** The data of one event type per entity id, from the audit trail (one such event per stream). */
async function eventData(
  db: Kysely<ExportTables>,
  type: string,
  category: string,
  entityIds: readonly string[],
): Promise<Map<string, EventData>> {
  const found = new Map<string, EventData>();
  for (let i = 0; i < entityIds.length; i += CHUNK) {
    const rows = await db
      .selectFrom('audit_events')
      .select(['entity_id', 'data'])
      .where('type', '=', type)
      .where('category', '=', category)
      .where('entity_id', 'in', entityIds.slice(i, i + CHUNK))
      .execute();
    for (const row of rows) if (row.entity_id !== null) found.set(row.entity_id, objectOf(row.data));
  }
  return found;
}

async function positionOf(db: Kysely<ExportTables>): Promise<string> {
  const checkpoint = await db
    .selectFrom('projection_checkpoints')
    .select('position')
    .where('name', '=', PROJECTION_NAMES.grantRegister)
    .executeTakeFirst();
  return checkpoint?.position ?? '0';
}

function objectOf(json: string): EventData {
  const value: unknown = JSON.parse(json);
  return typeof value === 'object' && value !== null ? (value as EventData) : {};
}

/** A recipient without an org-id whose registration number is a 360Giving id is a person. */
function individualOf(enrolment: EventData): { individualId?: string } {
  const id = textOf(enrolment, 'registrationNumber');
  return id !== undefined && id.startsWith('360G-') ? { individualId: id } : {};
}

function textOf(data: EventData, key: string): string | undefined {
  const value = data[key];
  return typeof value === 'string' ? value : undefined;
}

/** PostgreSQL may hand int8 back as text: money is checked to be whole pence, never coerced loosely. */
function exactPence(value: number | string, grantId: string): number {
  const pence = Number(value);
  if (!Number.isSafeInteger(pence) || pence < 0) {
    throw new Error(`Grant ${grantId} holds ${String(value)}, which is not a whole number of pence`);
  }
  return pence;
}

const unique = (values: readonly string[]): string[] => [...new Set(values)];
