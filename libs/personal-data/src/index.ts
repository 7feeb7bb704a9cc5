// Personal data encrypted per person, and crypto-shredding (SPEC §6).
export * from './personal-key-store.js';
export * from './field-cipher.js';
export * from './personal-data.errors.js';
export { LEDGER_PERSONAL_FIELDS, type PersonalFields } from './personal-fields.js';
export * from './personal-data-event-store.js';
export {
  DEFAULT_KEY_CLAIM_GRACE_MS,
  type KeyClaimsReconciled,
  reconcileKeyClaims,
  type ReconcileKeyClaimsOptions,
} from './key-claims.js';
export * from './sqlite/sqlite-key-store.js';
export * from './postgres/postgres-key-store.js';
