/**
 * Correctness gates for the read models: after the bench rebuilds every projection from the log, the
 * figures each read model holds must equal figures computed here, independently of the projections,
 * from the very events the bench appended. A rebuild whose read models fail a gate is no valid result.
 *
 * @example
 * const expected = new ExpectedReadModels();
 * for (const { stream, event } of appendedInOrder) expected.apply(stream, event);
 * const gates = checkReadModels('data/read.sqlite', expected);
 * const valid = gates.every((gate) => gate.ok);
 */
import Database from 'better-sqlite3';
import { SCHEMA_VERSIONS } from '@ledger/ledger-domain';
import { checkAuditTrail, ExpectedAuditTrail } from './audit-trail-gate.js';
import { FIGURE_MODELS, type FigureModel } from './figure-gates.js';
import { compareTables, type ReadModelGate, tableChecksum, unreadableGate } from './gate-figures.js';
import { LedgerFacts } from './ledger-facts.js';

export type { ReadModelGate } from './gate-figures.js';

/** An event as the workload holds it: plain data, no store-assigned id, position or time. */
export interface WorkloadEvent {
  readonly type: string;
  readonly data: unknown;
  readonly metadata: unknown;
  readonly occurredAt: string;
}

export interface ExpectedReadModelsOptions {
  /** The store position of the first event applied: 1 for a fresh SQLite log. */
  readonly firstPosition?: number;
}

/**
 * Folds the workload's events (plain objects, in log order: the order they were appended, so the
 * n-th event applied is at position firstPosition + n - 1) into the figures each read model must hold.
 * Events of types no read model handles (a seal) still take their position.
 */
export class ExpectedReadModels {
  readonly facts = new LedgerFacts();
  readonly auditTrail: ExpectedAuditTrail;

  constructor(options: ExpectedReadModelsOptions = {}) {
    this.auditTrail = new ExpectedAuditTrail(options.firstPosition ?? 1);
  }

  /** How many events were applied that the audit trail records. */
  get events(): number {
    return this.auditTrail.rows;
  }

  apply(stream: string, event: WorkloadEvent): void {
    const schemaVersion = (SCHEMA_VERSIONS as Readonly<Record<string, number>>)[event.type];
    const position = this.auditTrail.add(stream, event, schemaVersion);
    this.facts.apply(stream, event, position);
  }
}

function checkFigures(db: Database.Database, model: FigureModel, facts: LedgerFacts): ReadModelGate {
  const expected = model.expected(facts);
  let actual;
  try {
    actual = model.actual(db);
  } catch (error) {
    return unreadableGate(model.readModel, tableChecksum(expected, model.columns), error);
  }
  return compareTables(model.readModel, model.columns, expected, actual);
}

/**
 * Reads the same figures from a read-store SQLite file (opened read-only) and compares them: one gate
 * per read model (grant-register, audit-trail, innovator-summary, introduction-funnel,
 * programme-impact), each ok only when its checksums agree and no difference was found.
 */
export function checkReadModels(readStoreFile: string, expected: ExpectedReadModels): ReadModelGate[] {
  const db = new Database(readStoreFile, { readonly: true, fileMustExist: true });
  try {
    const [grantRegister, ...others] = FIGURE_MODELS.map((model) => checkFigures(db, model, expected.facts));
    let auditTrail: ReadModelGate;
    try {
      auditTrail = checkAuditTrail(db, expected.auditTrail);
    } catch (error) {
      auditTrail = unreadableGate('audit-trail', expected.auditTrail.checksum(), error);
    }
    return [...(grantRegister === undefined ? [] : [grantRegister]), auditTrail, ...others];
  } finally {
    db.close();
  }
}
