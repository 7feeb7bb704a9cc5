// The import half of the lib: a 360Giving file in, ledger commands out, through the command path.
export type { GrantProblem, InvalidGrant } from './grant-problem.js';
export { penceFromAmount, penceFromPounds, type PenceResult } from './pounds-to-pence.js';
export { awardDateOf, type AwardDateResult } from './award-date.js';
export { importCommandId, innovatorIdFor, programmeIdFor, type RecipientRef } from './import-ids.js';
export { checkGrant, type CheckedGrant, type Recipient } from './check-grant.js';
export * from './import-plan.js';
export type * from './import-result.js';
export { IMPORT_ACTOR, type ImportRun, ledgerCommandOf } from './ledger-commands.js';
export { type ExecuteCommand, KEY_REUSED } from './import-sender.js';
export { runImport, type ImportLedger, type RunImportOptions } from './run-import.js';
export * from './read-import-file.js';
export * from './import-command-bus.js';
