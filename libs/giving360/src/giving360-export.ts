import type { ExportSource } from './export-source.js';
import type { Giving360Package } from './giving360.types.js';
import { type GrantMappingOptions, toGiving360Package } from './grant-mapping.js';
import { runQualityChecks } from './quality/quality-checks.js';
import type { QualityCheckOptions, QualityFinding } from './quality/quality-finding.js';
import type { Giving360Validator, SchemaError } from './schema/schema-validator.js';

export type Giving360ExportOptions = GrantMappingOptions & QualityCheckOptions;

/** An export, checked: the package, what the schema says of it and what the quality checks found. */
export interface Giving360Export {
  readonly package: Giving360Package;
  /** Empty when the package is valid. A package with schema errors must never be written. */
  readonly schemaErrors: readonly SchemaError[];
  /** Problems beyond the schema, reported for the publisher to decide on; never fixed here. */
  readonly findings: readonly QualityFinding[];
  /** The grant register's position the export was read at. */
  readonly ledgerPosition: string;
}

/**
 * Maps the source to a package, validates it against the shipped schemas and runs the quality
 * checks. Pure apart from the validator: the same source and options give the same result.
 *
 * @example
 * const result = buildGiving360Export(source, giving360Validator(), {
 *   prefix: 'nesta-iep', dataSource: 'https://www.nesta.org.uk/iep/360giving', today: '2025-01-31',
 * });
 * if (result.schemaErrors.length > 0) throw new Error('not written: the package breaks the schema');
 */
export function buildGiving360Export(
  source: ExportSource,
  validator: Giving360Validator,
  options: Giving360ExportOptions,
): Giving360Export {
  const pkg = toGiving360Package(source, { ...options, version: validator.packageVersion });
  return {
    package: pkg,
    schemaErrors: validator.validatePackage(pkg),
    findings: runQualityChecks(pkg.grants, options),
    ledgerPosition: source.position,
  };
}
