// The 360Giving Data Standard: the CSV column table, the schemas, the export and its quality checks.
export * from './csv-columns.js';
export * from './csv-writer.js';
export type * from './giving360.types.js';
export * from './pounds.js';
export * from './identifiers.js';
export * from './export-source.js';
export * from './grant-mapping.js';
export * from './giving360-export.js';
export * from './schema/schema-files.js';
export * from './schema/schema-validator.js';
export * from './quality/quality-finding.js';
export * from './quality/quality-checks.js';
export * from './quality/org-id-prefixes.js';
export * from './import/index.js';
