export * from './ledger-events/ledger-events.js';
export type { GrantSim, InnovatorSim, ProgrammeSim, World } from './ledger-events/ledger-world.js';
export { SeededRandom } from './ledger-events/seeded-random.js';
