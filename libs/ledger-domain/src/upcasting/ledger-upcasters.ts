import { SCHEMA_VERSIONS } from '../catalogue.js';
import type { Upcaster } from './upcaster.js';
import { createUpcasterChain, type UpcasterChain } from './upcaster-chain.js';

/**
 * Every schema change of the ledger's events, oldest first. Empty while every type is at version 1:
 * a new shape adds its version to SCHEMA_VERSIONS and its step here, and stored events stay as they are.
 */
export const LEDGER_UPCASTERS: readonly Upcaster[] = [];

/**
 * The chain every read path of the ledger goes through (commands, projections, audit, reports).
 *
 * @example
 * new UpcastingEventStore(openSqliteEventStore({ file }), LEDGER_UPCASTER_CHAIN);
 */
export const LEDGER_UPCASTER_CHAIN: UpcasterChain = createUpcasterChain(LEDGER_UPCASTERS, SCHEMA_VERSIONS);
