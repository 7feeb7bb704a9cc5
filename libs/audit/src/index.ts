// SPEC §6 Verify: seals over the hash-chained log, the verifier, and the seal a report states.
export * from './chain/merkle.js';
export * from './chain/log-digest.js';
export * from './chain/ledger-chain.js';
export * from './seal/ledger-sealed.js';
export * from './seal/seal-index.js';
export * from './seal/sealer.js';
export * from './seal/ledger-seals.js';
export * from './verify/verify-result.js';
export * from './verify/verify-ledger.js';
