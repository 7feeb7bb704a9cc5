export * from './decider-spec.js';
export * from './projection-spec.js';
export * from './read-store-under-test.js';
export * from '@ledger/workload';
export * from './eventstoredb-under-test.js';
export { freePort } from '@ledger/processes';
